#include "bot/report/table_format.hpp"

namespace oncall {

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A table cell: a '|' would end the cell early, and a line break the row.
std::string md_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

std::string csv_line(const table_row& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_field(row[i]);
  return out + "\n";
}

std::string md_line(const table_row& row) {
  std::string out = "|";
  for (const auto& c : row) out += " " + md_cell(c) + " |";
  return out + "\n";
}

}  // namespace

std::string format_csv_table(const table_row& header, const std::vector<table_row>& rows) {
  std::string out = csv_line(header);
  for (const auto& r : rows) out += csv_line(r);
  return out;
}

std::string format_md_table(const std::string& title, const table_row& header,
                            const std::vector<table_row>& rows, std::size_t text_columns) {
  std::string out = "# " + title + "\n\n" + md_line(header) + "|";
  for (std::size_t i = 0; i < header.size(); ++i) out += i < text_columns ? "---|" : "--:|";
  out += "\n";
  for (const auto& r : rows) out += md_line(r);
  return out;
}

}  // namespace oncall

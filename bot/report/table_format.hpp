// Reports as tables: CSV (RFC 4180 quoting) for spreadsheets, Markdown for people. Every report
// renders through these, so the two formats always carry the same columns in the same order.
#pragma once

#include <string>
#include <vector>

namespace oncall {

using table_row = std::vector<std::string>;

std::string format_csv_table(const table_row& header, const std::vector<table_row>& rows);

// `title` as a heading, then the table; the first `text_columns` columns are left-aligned and
// the rest (numbers) right-aligned.
std::string format_md_table(const std::string& title, const table_row& header,
                            const std::vector<table_row>& rows, std::size_t text_columns);

}  // namespace oncall

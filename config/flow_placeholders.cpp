// A small YAML-aware scanner, run on the config text before yaml-cpp: it follows quoting,
// comments, flow collections, block scalars and multi-line plain scalars just far enough to
// know where a node starts, and quotes a ${…} reference that makes up a whole node. Anything it
// does not understand it copies unchanged and leaves to the parser to report.
#include "config/flow_placeholders.hpp"

namespace oncall {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}
bool is_flow_indicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

class placeholder_quoter {
 public:
  std::string run(std::string_view yaml) {
    out_.reserve(yaml.size() + 16);
    std::size_t start = 0;
    while (start <= yaml.size()) {
      auto end = yaml.find('\n', start);
      if (end == std::string_view::npos) {
        line(yaml.substr(start));
        break;
      }
      line(yaml.substr(start, end - start));
      out_ += '\n';
      start = end + 1;
    }
    return std::move(out_);
  }

 private:
  // Whitespace or the end of the line at `k`: what must follow '-', '?' and ':' indicators.
  static bool separated(std::string_view s, std::size_t k) {
    return k >= s.size() || is_blank(s[k]);
  }
  bool value_indicator(std::string_view s, std::size_t k) const {
    return separated(s, k + 1) || (in_flow() && is_flow_indicator(s[k + 1]));
  }
  bool in_flow() const { return flow_depth_ > 0; }

  // The index of the '}' closing the "${" at `i`, or npos.
  static std::size_t reference_end(std::string_view s, std::size_t i) {
    if (s.compare(i, 2, "${") != 0) return std::string_view::npos;
    return s.find('}', i + 2);
  }

  // Whether only spaces and then the end of the line, a comment or (in [ ] / { }) ',', ']' or
  // '}' follow position `k`.
  bool ends_node(std::string_view s, std::size_t k) const {
    std::size_t j = k;
    while (j < s.size() && is_blank(s[j])) ++j;
    if (j == s.size()) return true;
    if (s[j] == '#') return j > k;  // "${X}#a" is one plain scalar, "${X} #a" a comment
    return in_flow() && (s[j] == ',' || s[j] == ']' || s[j] == '}');
  }

  void line(std::string_view s) {
    std::size_t indent = 0;
    while (indent < s.size() && s[indent] == ' ') ++indent;
    std::size_t first = indent;
    while (first < s.size() && is_blank(s[first])) ++first;
    const bool blank = first == s.size();

    if (block_) {
      // Block scalar content: blank lines, and lines indented at least as far as its first one.
      if (blank) return copy(s);
      if (block_indent_ < 0 && static_cast<int>(indent) >= block_min_) block_indent_ = indent;
      if (block_indent_ >= 0 && static_cast<int>(indent) >= block_indent_) return copy(s);
      block_ = false;
    }
    if (quote_ == 0) {
      if (blank) return copy(s);
      if (s[first] == '#') {
        plain_ = false;  // a comment line ends a multi-line plain scalar
        return copy(s);
      }
      if (!in_flow()) {
        // A new line in block context starts a new node, unless it continues a plain scalar.
        if (plain_ && static_cast<int>(indent) > plain_parent_) {
          at_node_ = false;
        } else {
          plain_ = false;
          at_node_ = true;
        }
      }
      parent_col_ = static_cast<int>(indent);
    }
    scan(s, quote_ == 0 ? first : 0);
  }

  void copy(std::string_view s) { out_.append(s); }

  void scan(std::string_view s, std::size_t i) {
    std::size_t copied = 0;
    int node_col = parent_col_;
    while (i < s.size()) {
      const char c = s[i];
      if (quote_ == '"') {
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '"') quote_ = 0;
        ++i;
        continue;
      }
      if (quote_ == '\'') {
        if (c == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
          i += 2;
          continue;
        }
        if (c == '\'') quote_ = 0;
        ++i;
        continue;
      }
      if (is_blank(c)) {
        ++i;
        continue;
      }
      if (c == '#' && (i == 0 || is_blank(s[i - 1]))) {
        plain_ = false;  // a comment ends the line, and any plain scalar on it
        break;
      }
      if (plain_) {
        if (auto close = reference_end(s, i); close != std::string_view::npos) {
          i = close + 1;  // a ${…} inside a larger plain scalar: its braces are not structure
        } else if (c == ':' && value_indicator(s, i)) {
          plain_ = false;
          at_node_ = true;
          parent_col_ = node_col;
          ++i;
        } else if (in_flow() && (c == ',' || c == ']' || c == '}')) {
          plain_ = false;
          at_node_ = c == ',';
          if (c != ',') --flow_depth_;
          ++i;
        } else {
          ++i;
        }
        continue;
      }
      if (!at_node_) {
        // After a complete node: only ':', ',' and closing brackets matter.
        if (c == ':' && (value_indicator(s, i) || in_flow())) {
          at_node_ = true;
          parent_col_ = node_col;
        } else if (in_flow() && c == ',') {
          at_node_ = true;
        } else if (in_flow() && (c == ']' || c == '}')) {
          --flow_depth_;
        }
        ++i;
        continue;
      }
      // At the start of a node.
      if (auto close = reference_end(s, i); close != std::string_view::npos) {
        if (ends_node(s, close + 1)) {
          out_.append(s.substr(copied, i - copied));
          out_ += '"';
          for (char r : s.substr(i, close + 1 - i)) {
            if (r == '"' || r == '\\') out_ += '\\';
            out_ += r;
          }
          out_ += '"';
          copied = close + 1;
          at_node_ = false;
        } else {
          start_plain(node_col, i);
        }
        i = close + 1;
        continue;
      }
      switch (c) {
        case '"':
        case '\'':
          quote_ = c;
          node_col = static_cast<int>(i);
          at_node_ = false;
          ++i;
          continue;
        case '[':
        case '{':
          ++flow_depth_;
          ++i;
          continue;
        case ']':
        case '}':
        case ',':
          if (in_flow()) {
            if (c != ',') {
              --flow_depth_;
              at_node_ = false;
            }
            ++i;
            continue;
          }
          break;
        case '-':
          if (!in_flow() && separated(s, i + 1)) {
            parent_col_ = static_cast<int>(i);
            ++i;
            continue;
          }
          break;
        case '?':
          if (separated(s, i + 1)) {
            ++i;
            continue;
          }
          break;
        case ':':
          if (value_indicator(s, i)) {
            ++i;
            continue;
          }
          break;
        case '|':
        case '>':
          if (!in_flow()) {
            // A block scalar header; the rest of the line is indicators and a comment.
            block_ = true;
            block_min_ = parent_col_ + 1;
            block_indent_ = -1;
            i = s.size();
            continue;
          }
          break;
        case '&':
        case '!':
        case '*':
          // An anchor or tag comes before the node; an alias is the node.
          while (i < s.size() && !is_blank(s[i]) && !(in_flow() && is_flow_indicator(s[i]))) ++i;
          if (c == '*') at_node_ = false;
          continue;
        default:
          break;
      }
      start_plain(node_col, i);
      ++i;
    }
    out_.append(s.substr(copied));
  }

  void start_plain(int& node_col, std::size_t i) {
    plain_ = true;
    at_node_ = false;
    plain_parent_ = parent_col_;
    node_col = static_cast<int>(i);
  }

  std::string out_;
  int flow_depth_ = 0;
  char quote_ = 0;         // the quote of a string still open at the end of the last line
  bool at_node_ = true;    // the next non-blank character starts a node
  bool plain_ = false;     // inside a plain (unquoted) scalar
  int plain_parent_ = 0;   // a plain scalar continues on lines indented more than this
  int parent_col_ = 0;     // column of the key or "- " that owns the node being read
  bool block_ = false;     // inside a | or > block scalar
  int block_min_ = 0;      // its content is indented at least this far …
  int block_indent_ = -1;  // … and exactly as far as its first line (-1: not seen yet)
};

}  // namespace

std::string quote_flow_placeholders(std::string_view yaml) {
  return placeholder_quoter{}.run(yaml);
}

}  // namespace oncall

#pragma once

#include <string>
#include <vector>

namespace tapledger::sync {

/// A table of text cells with a header line: written as RFC 4180 CSV (fields quoted by libcsv
/// when they hold a comma, a quote or a line break; CRLF line ends) and shown as an HTML table by
/// HtmlPage. Money cells are decimal strings in major units, dates local YYYY-MM-DD.
class CsvTable
{
public:
    /// A table with the column names @p header (at least one).
    explicit CsvTable(std::vector<std::string> header);

    /// Appends a row; it must have as many cells as the header (assert).
    void add(std::vector<std::string> row);

    const std::vector<std::string> &header() const noexcept { return m_header; }
    const std::vector<std::vector<std::string>> &rows() const noexcept { return m_rows; }

    /// The header line and every row, RFC 4180.
    std::string toCsv() const;

private:
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace tapledger::sync

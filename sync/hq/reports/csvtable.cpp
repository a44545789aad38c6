#include "sync/hq/reports/csvtable.h"

#include <cassert>
#include <csv.h>

namespace tapledger::sync {

namespace {
std::string field(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    // csv_write quotes the field and doubles its quotes: at most 2 + 2 × size bytes.
    std::string out(2 + 2 * text.size(), '\0');
    out.resize(csv_write(out.data(), out.size(), text.data(), text.size()));
    return out;
}

void line(std::string &out, const std::vector<std::string> &cells)
{
    for (size_t i = 0; i < cells.size(); ++i)
        out += (i ? "," : "") + field(cells[i]);
    out += "\r\n";
}
} // namespace

CsvTable::CsvTable(std::vector<std::string> header) : m_header(std::move(header))
{
    assert(!m_header.empty());
}

void CsvTable::add(std::vector<std::string> row)
{
    assert(row.size() == m_header.size());
    m_rows.push_back(std::move(row));
}

std::string CsvTable::toCsv() const
{
    std::string out;
    line(out, m_header);
    for (const auto &row : m_rows)
        line(out, row);
    return out;
}

} // namespace tapledger::sync

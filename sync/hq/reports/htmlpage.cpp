#include "sync/hq/reports/htmlpage.h"

namespace tapledger::sync {

namespace {
constexpr const char *kStyle =
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
    ".sub{color:#555;margin-top:0}figure{margin:1em 0}figcaption{color:#444;font-size:.95em;max-width:760px}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}"
    "th,td{border:1px solid #ddd;padding:.25em .6em}th{background:#f3f3f3;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}tr:nth-child(even) td{background:#fafafa}";

bool looksNumeric(const std::string &cell)
{
    if (cell.empty())
        return false;
    for (const char c : cell) {
        if ((c < '0' || c > '9') && c != '.' && c != '-')
            return false;
    }
    return cell != "-" && cell.find('-', 1) == std::string::npos; // a date is text
}
} // namespace

HtmlPage::HtmlPage(std::string_view title, std::string_view subtitle) : m_title(title)
{
    m_body = "<h1>" + escape(title) + "</h1>\n<p class=\"sub\">" + escape(subtitle) + "</p>\n";
}

std::string HtmlPage::escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

void HtmlPage::heading(std::string_view text)
{
    m_body += "<h2>" + escape(text) + "</h2>\n";
}

void HtmlPage::paragraph(std::string_view text)
{
    m_body += "<p>" + escape(text) + "</p>\n";
}

void HtmlPage::chart(const std::string &svg, std::string_view explanation)
{
    m_body += "<figure>\n" + svg + "\n<figcaption>" + escape(explanation) + "</figcaption>\n</figure>\n";
}

void HtmlPage::table(const CsvTable &table)
{
    m_body += "<table>\n<tr>";
    for (const auto &h : table.header())
        m_body += "<th>" + escape(h) + "</th>";
    m_body += "</tr>\n";
    for (const auto &row : table.rows()) {
        m_body += "<tr>";
        for (const auto &cell : row)
            m_body += (looksNumeric(cell) ? "<td class=\"n\">" : "<td>") + escape(cell) + "</td>";
        m_body += "</tr>\n";
    }
    m_body += "</table>\n";
}

std::string HtmlPage::str() const
{
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
           escape(m_title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + m_body +
           "</body>\n</html>\n";
}

} // namespace tapledger::sync

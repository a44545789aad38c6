#pragma once

#include "sync/hq/reports/csvtable.h"

#include <string>
#include <string_view>

namespace tapledger::sync {

/// One self-contained HTML report page (docs/crm.md, "Reports"): inline CSS and inline SVG, no
/// script and no external resource. Every text given is escaped; only SVG from SvgChart is
/// taken as markup.
class HtmlPage
{
public:
    /// A page titled @p title with the line @p subtitle under it (e.g. "As of 2026-06-30, …").
    HtmlPage(std::string_view title, std::string_view subtitle);

    /// &, <, >, " and ' as character references: safe in text and in quoted attributes.
    static std::string escape(std::string_view text);

    /// A section heading.
    void heading(std::string_view text);
    /// A paragraph of plain text.
    void paragraph(std::string_view text);
    /// A chart (SVG markup from SvgChart) with the sentence @p explanation under it.
    void chart(const std::string &svg, std::string_view explanation);
    /// @p table as an HTML table (the header as its first row); numbers are right-aligned.
    void table(const CsvTable &table);

    /// The whole document.
    std::string str() const;

private:
    std::string m_title;
    std::string m_body;
};

} // namespace tapledger::sync

#include "sync/hq/crm/csvreader.h"

#include "sync/hq/crm/plaintext.h"

#include <csv.h>

#include <memory>

namespace tapledger::sync {

namespace {
/// What libcsv's callbacks build: the record in progress and the finished ones.
struct Collector
{
    std::vector<CsvRecord> records;
    std::vector<std::string> fields;
    size_t nextStart = 0; ///< line the record in progress started on
};

void onField(void *text, size_t len, void *data)
{
    auto &c = *static_cast<Collector *>(data);
    c.fields.emplace_back(static_cast<const char *>(text), len);
}

void onRecord(int, void *data)
{
    auto &c = *static_cast<Collector *>(data);
    c.records.push_back({c.nextStart, std::move(c.fields)});
    c.fields.clear();
    c.nextStart = 0;
}

/// No character is a space: RFC 4180 keeps spaces as part of the field.
int noSpace(unsigned char)
{
    return 0;
}

bool isBlank(std::string_view line)
{
    return line.empty() || line == "\r";
}

struct ParserDeleter
{
    void operator()(csv_parser *p) const
    {
        csv_free(p);
        delete p;
    }
};
} // namespace

Result<std::vector<CsvRecord>> CsvReader::parse(std::string_view text)
{
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    std::unique_ptr<csv_parser, ParserDeleter> parser(new csv_parser{});
    if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) {
        delete parser.release();
        return fail(ErrorCode::Io, "cannot start the CSV reader");
    }
    csv_set_space_func(parser.get(), noSpace);
    Collector c;
    size_t line = 0;
    // Fed one physical line at a time, so a record's first line and an error's line are known:
    // a record starts on the first non-blank line after the previous record ended.
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t eol = text.find('\n', pos);
        const size_t end = eol == std::string_view::npos ? text.size() : eol + 1;
        const std::string_view physical = text.substr(pos, end - pos);
        pos = end;
        ++line;
        if (!isUtf8(physical))
            return fail(ErrorCode::InvalidArgument, "line " + std::to_string(line) + ": not valid UTF-8");
        if (c.nextStart == 0 && !isBlank(physical.substr(0, physical.size() - (physical.back() == '\n' ? 1 : 0))))
            c.nextStart = line;
        if (csv_parse(parser.get(), physical.data(), physical.size(), onField, onRecord, &c) != physical.size())
            return fail(ErrorCode::InvalidArgument,
                        "line " + std::to_string(line) + ": malformed quoting (a quote inside a field must be doubled, "
                                                         "and a quoted field must end at a comma or the line end)");
    }
    const size_t open = c.nextStart;
    if (csv_fini(parser.get(), onField, onRecord, &c) != 0)
        return fail(ErrorCode::InvalidArgument, "line " + std::to_string(open) + ": a quoted field is not closed");
    return std::move(c.records);
}

} // namespace tapledger::sync

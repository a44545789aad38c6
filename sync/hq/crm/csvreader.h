#pragma once

#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::sync {

/// One record of a CSV file.
struct CsvRecord
{
    size_t line = 0;                 ///< physical line it starts on, from 1
    std::vector<std::string> fields; ///< unquoted, unescaped
};

/// Reads RFC 4180 CSV with libcsv in strict mode (docs/crm.md, "Importing purchases"): comma
/// separated, `"` quoting with `""` escapes, fields may span lines inside quotes, LF or CRLF line
/// ends, an optional UTF-8 byte-order mark, blank lines skipped, no space trimming.
class CsvReader
{
public:
    /// Every record of @p text in order; InvalidArgument "line N: …" for malformed quoting or
    /// a quoted field left open at the end, and for text that is not valid UTF-8 (the line).
    static Result<std::vector<CsvRecord>> parse(std::string_view text);
};

} // namespace tapledger::sync

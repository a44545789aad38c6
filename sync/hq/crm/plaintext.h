#pragma once
// Checks of free text HQ stores from files and operators (docs/crm.md).

#include <string_view>

namespace tapledger::sync {

/// True when @p s is well-formed UTF-8 (ICU's converter, preflighting only).
bool isUtf8(std::string_view s);

/// True when @p s holds a C0 control character (U+0000..U+001F, line breaks included) or DEL.
bool hasControlChar(std::string_view s);

} // namespace tapledger::sync

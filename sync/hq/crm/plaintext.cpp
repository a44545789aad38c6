#include "sync/hq/crm/plaintext.h"

#include <unicode/ustring.h>

#include <cstdint>

namespace tapledger::sync {

bool isUtf8(std::string_view s)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8(nullptr, 0, &length, s.data(), static_cast<int32_t>(s.size()), &status);
    return status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status);
}

bool hasControlChar(std::string_view s)
{
    for (const char ch : s) {
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F)
            return true;
    }
    return false;
}

} // namespace tapledger::sync

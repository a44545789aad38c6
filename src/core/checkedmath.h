#pragma once

#include "core/result.h"

#include <cstdint>
#include <string_view>

namespace tapledger {

/// a + b, or ErrorCode::Overflow naming @p what when the sum leaves the int64 range.
inline Result<int64_t> checkedAdd(int64_t a, int64_t b, std::string_view what = "amount")
{
    int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out))
        return fail(ErrorCode::Overflow, std::string(what) + " overflows the 64-bit range");
    return out;
}

/// a - b, or ErrorCode::Overflow.
inline Result<int64_t> checkedSub(int64_t a, int64_t b, std::string_view what = "amount")
{
    int64_t out = 0;
    if (__builtin_sub_overflow(a, b, &out))
        return fail(ErrorCode::Overflow, std::string(what) + " overflows the 64-bit range");
    return out;
}

/// a * b, or ErrorCode::Overflow.
inline Result<int64_t> checkedMul(int64_t a, int64_t b, std::string_view what = "amount")
{
    int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out))
        return fail(ErrorCode::Overflow, std::string(what) + " overflows the 64-bit range");
    return out;
}

} // namespace tapledger

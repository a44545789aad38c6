#include "core/member.h"

#include <algorithm>
#include <chrono>

namespace tapledger {

namespace {
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool validDate(std::string_view d)
{
    if (d.size() != 10 || d[4] != '-' || d[7] != '-')
        return false;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (!isDigit(d[i]))
            return false;
    }
    const auto num = [&](size_t from, size_t len) {
        int v = 0;
        for (size_t i = from; i < from + len; ++i)
            v = v * 10 + (d[i] - '0');
        return v;
    };
    using namespace std::chrono;
    const year_month_day ymd{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))},
                             day{static_cast<unsigned>(num(8, 2))}};
    return ymd.ok() && num(0, 4) >= 1900;
}
} // namespace

Result<void> Member::validate() const
{
    const auto bad = [](std::string why) { return fail(ErrorCode::InvalidArgument, "invalid member: " + why); };
    if (id.isNil())
        return bad("no id");
    if (name.empty() || name.size() > 100)
        return bad("a name is 1 to 100 bytes");
    if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return bad("the name contains control characters");
    if (!phone.empty() && (phone.size() < 8 || phone.size() > 16 || phone[0] != '+' ||
                           !std::all_of(phone.begin() + 1, phone.end(), isDigit)))
        return bad("a phone number is written in E.164 form, e.g. +8613800138000");
    if (!birthday.empty() && !validDate(birthday))
        return bad("a birthday is a real date written YYYY-MM-DD");
    return {};
}

} // namespace tapledger

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger::crm {

/// One purchase or return of a member on a local day (docs/crm.md, "Purchases, visits, spend").
struct DayAmount
{
    int64_t day = 0;          ///< local days since 1970-01-01 in the venue's time zone
    int64_t amountMinor = 0;  ///< minor units, >= 0: what was charged, or what a return gave back
    bool isReturn = false;    ///< a return: subtracts from spend and is no visit
};

/// Everything the CRM computations know of one member: purchases in any order.
struct MemberActivity
{
    std::string member;       ///< external reference or member id (only echoed)
    std::vector<DayAmount> purchases;
    std::string birthday;     ///< "YYYY-MM-DD", "" = unknown
};

} // namespace tapledger::crm

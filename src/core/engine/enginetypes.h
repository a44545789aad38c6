#pragma once
// Requests to and results from the Engine. Amounts are minor units of the policy currency,
// points are whole points, times UTC milliseconds.

#include "core/uuid.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger {

struct EnrolRequest
{
    Uuid memberId;        ///< nil = generate one (HQ-assigned ids are passed in)
    std::string handle;   ///< membership number or name for lookup without a card; unique, 1..64 chars
    std::string name;     ///< display name, non-empty
    std::string birthday; ///< "YYYY-MM-DD" or "" (unknown)
    std::string pin;      ///< 4..12 digits
    Uuid staff;           ///< enrolling staff member (nil = self-service)
};

struct TopUpRequest
{
    Uuid member;
    int64_t amount = 0;     ///< deposit, minor units, > 0
    std::string payMethod;  ///< one of the policy's pay methods (not stored_value)
    Uuid staff;
};

/// One line of a purchase: a price-list item, or an open amount in a category.
struct PurchaseItem
{
    std::string sku;        ///< price-list item, or "" for an open amount
    int64_t quantity = 1;   ///< 1..1000
    std::string category;   ///< open amounts only
    int64_t amount = 0;     ///< open amounts only: minor units, > 0
};

struct PurchaseRequest
{
    Uuid member;
    std::vector<PurchaseItem> items; ///< at least one
    std::string payMethod;  ///< "stored_value" (needs pin) or a policy pay method
    std::string pin;        ///< for stored_value
    uint64_t voucher = 0;   ///< voucher number (seq of its issue entry) to use, 0 = none
    Uuid staff;
};

struct ReturnRequest
{
    Uuid member;
    uint64_t purchase = 0;  ///< seq of the purchase's main entry
    Uuid staff;
};

struct RedeemRequest
{
    Uuid member;
    std::string reward;     ///< reward id
    int64_t points = 0;     ///< variable rewards: points the member chooses; fixed: 0 or the cost
    std::string pin;
    std::string payMethod;  ///< for a cash part: stored_value or a policy pay method
};

struct MembershipRequest
{
    Uuid member;
    std::string payMethod;
    std::string pin;        ///< for stored_value
    Uuid staff;
};

/// Before / change / after of one balance on a receipt.
struct BalanceLine
{
    std::string balance;    ///< "deposit", "bonus" (minor units) or "points"
    int64_t before = 0;
    int64_t change = 0;
    int64_t after = 0;
};

/// What one engine action wrote: entries, balances before/after, an explanation per entry.
struct Receipt
{
    Uuid member;
    std::vector<uint64_t> seqs;              ///< entries written, in order
    std::vector<std::string> explanations;   ///< one line per entry
    std::vector<BalanceLine> balances;       ///< deposit, bonus, points (members' actions only)
    uint64_t mainSeq = 0;                    ///< the action's main entry (purchase number, voucher number…)
    int64_t charged = 0;                     ///< purchases: amount charged, minor units
};

struct VoucherView
{
    uint64_t id = 0;        ///< seq of the voucher_issue entry
    std::string source;     ///< rule id or "offer:<id>"
    int64_t value = 0, minSpend = 0;
    int64_t issuedMs = 0, expiresMs = 0;
    std::string status;     ///< open, used, expired
};

struct ExpiryView
{
    uint64_t batch = 0;     ///< seq of the entry that earned the points
    int64_t points = 0;     ///< still unspent
    int64_t expiresMs = 0;
};

struct HistoryLine
{
    uint64_t seq = 0;
    int64_t timeMs = 0;
    std::string kind;       ///< entry kind name
    std::string text;       ///< the explanation
};

/// A member as the kiosk home screen shows them.
struct MemberView
{
    Uuid member;
    std::string handle, name, birthday;
    int64_t deposit = 0, bonus = 0, points = 0;
    int64_t pointsDebt = 0;         ///< points owed after a return (allow_negative off: shortfall)
    std::string tier, tierName;
    int64_t tierValue = 0;          ///< spend (minor units) or points earned in the window
    std::string tierProgress;       ///< "spend 1,240.00 more for Gold"
    int64_t membershipUntilMs = 0;  ///< 0 = never a paying member
    bool isPayingMember = false;
    std::vector<Uuid> cards;
    std::vector<VoucherView> vouchers;
    std::vector<ExpiryView> expiries; ///< unspent batches with an expiry, soonest first
};

} // namespace tapledger

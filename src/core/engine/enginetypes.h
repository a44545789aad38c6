#pragma once
// Requests to and results from the Engine. Amounts are minor units of the policy currency,
// points are whole points, times UTC milliseconds.

#include "core/card.h"
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
    std::string phone{};  ///< digits with an optional leading '+', 6..20 digits (spaces, '-', '(', ')', '.'
                          ///< are dropped when normalising), or "" = none
    bool consent = false; ///< marketing consent
};

struct TopUpRequest
{
    Uuid member;
    int64_t amount = 0;     ///< deposit, minor units, > 0
    std::string payMethod;  ///< one of the policy's pay methods (not stored_value)
    Uuid staff;
    Uuid card{};            ///< card presented (nil = none, e.g. staff lookup); must be active and the member's
    uint32_t cardCounter = 0; ///< the card's counter read from its token, 0 = unknown (the engine uses last + 1)
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
    uint64_t voucher = 0;   ///< voucher number (VoucherView::id) to use, 0 = none
    Uuid staff;
    Uuid card{};            ///< card presented (nil = none, e.g. staff lookup); must be active and the member's
    uint32_t cardCounter = 0; ///< the card's counter read from its token, 0 = unknown (the engine uses last + 1)
};

/// Part of a purchase to return: a quantity of a price-list item, or an open amount by category.
struct ReturnItem
{
    std::string sku;        ///< price-list item as bought on the purchase, or "" for an open amount
    int64_t quantity = 1;   ///< >= 1 and at most what was bought minus what was already returned
    std::string category{}; ///< open amounts only (sku ""): the category of the open-amount line(s)
};

/// A return of a whole purchase or of some of its lines (docs/engine.md, "Returns").
struct ReturnRequest
{
    Uuid member;
    uint64_t purchase = 0;  ///< seq of the purchase's main entry
    Uuid staff;
    std::vector<ReturnItem> items{}; ///< lines to return; empty = everything not yet returned
};

struct RedeemRequest
{
    Uuid member;
    std::string reward;     ///< reward id
    int64_t points = 0;     ///< variable rewards: points the member chooses; fixed: 0 or the cost
    std::string pin;
    std::string payMethod;  ///< for a cash part: stored_value or a policy pay method
    Uuid card{};            ///< card presented (nil = none); must be active and the member's
    uint32_t cardCounter = 0; ///< the card's counter read from its token, 0 = unknown (the engine uses last + 1)
    Uuid staff{};           ///< staff member who assisted, nil = self-service
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
    uint64_t id = 0;        ///< seq of this kiosk's voucher_issue entry, or >= 10^12 for one adopted from HQ (issued elsewhere)
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
    std::string phone;              ///< normalised ("+4479…" or digits), "" = none
    bool consent = false;           ///< marketing consent
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
    /// The member HQ merged this one into (`member_alias` feed item, chains followed; docs/crm.md
    /// "Duplicates and merge"): its balances, cards and vouchers are there now. Nil = not merged.
    Uuid mergedInto;
};

/// One line of a member search (staff lookup without a card, duplicate check at enrolment).
struct MemberSummary
{
    Uuid member;
    std::string handle, name, phone, tier, tierName;
    /// The merged-away member the search matched (by its name, handle, phone or id) that HQ merged
    /// into this one; nil when this member matched itself.
    Uuid mergedFrom;
    /// For a merged-away member whose survivor this kiosk does not know yet: the survivor's id
    /// (the line is that empty old member, not a usable one); nil otherwise.
    Uuid mergedInto;
};

/// A staff points adjustment (docs/engine.md, "Staff").
struct AdjustRequest
{
    Uuid member;
    int64_t points = 0;     ///< != 0; negative takes points (FIFO over batches), never below zero
    std::string reason;     ///< 1..200 characters (UTF-8), mandatory
    Uuid staff;             ///< who adjusts; never nil
    Card::Role staffRole = Card::Role::None; ///< None is refused; above policy adjust.supervisor_threshold
                                             ///< Supervisor or Admin
};

/// Status of a card as the deny-list sees it.
struct CardStatusView
{
    Uuid card, member;
    std::string status;     ///< "active", "replaced" (balances moved to another card) or "blocked"
};

/// A member's rating and/or comment.
struct FeedbackRequest
{
    Uuid member;            ///< nil = anonymous
    int rating = 0;         ///< 1..5, 0 = none
    std::string category;   ///< "" or one of the policy's feedback categories
    std::string text;       ///< <= 500 bytes of UTF-8
};

/// A staff member to register (docs/engine.md, "Staff").
struct StaffRequest
{
    Uuid staffId;           ///< nil = generate one
    std::string name;       ///< non-empty
    Card::Role role = Card::Role::Cashier; ///< not None
    std::string pin;        ///< 4..12 digits
};

/// A registered staff member.
struct StaffView
{
    Uuid staff;
    std::string name;
    Card::Role role = Card::Role::None;
};

/// Money through one pay method during a shift, minor units.
struct ShiftTotal
{
    std::string payMethod;  ///< a policy pay method or "stored_value"
    int64_t topUps = 0, purchases = 0, refunds = 0;
    int64_t count = 0;      ///< entries counted under this method
};

/// A staff shift so far (open) or as settled (closed). Amounts minor units, times UTC ms.
struct ShiftReport
{
    Uuid staff;
    std::string staffName;
    int64_t openedMs = 0, closedMs = 0; ///< closedMs 0 while open
    std::vector<ShiftTotal> byPayMethod; ///< sorted by pay method
    int64_t bonusGranted = 0, pointsIssued = 0, pointsRedeemed = 0, pointsAdjusted = 0;
    uint64_t firstSeq = 0, lastSeq = 0; ///< the shift_open entry; the shift_close entry (open: last entry so far)
};

/// How much offline spending a card has left (DESIGN.md invariant 6).
struct OfflineAllowance
{
    bool online = true;
    int64_t redemptionsLeft = 0; ///< stored-value payments and redemptions left before the card must go online
    int64_t valueLeft = 0;       ///< minor units left
    bool denyListStale = false;  ///< offline and the deny-list is older than policy offline.max_denylist_age_hours
};

} // namespace tapledger

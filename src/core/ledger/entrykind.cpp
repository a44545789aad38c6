#include "core/ledger/entrykind.h"

#include <array>
#include <string>

namespace tapledger {

namespace {
struct KindInfo
{
    EntryKind kind;
    std::string_view name;
    KindDirection direction;
};

constexpr std::array kKinds = {
    KindInfo{EntryKind::Issue, "issue", KindDirection::None},
    KindInfo{EntryKind::Enrol, "enrol", KindDirection::None},
    KindInfo{EntryKind::TopUp, "topup", KindDirection::Credit},
    KindInfo{EntryKind::Earn, "earn", KindDirection::Credit},
    KindInfo{EntryKind::Redeem, "redeem", KindDirection::Debit},
    KindInfo{EntryKind::Pay, "pay", KindDirection::Debit},
    KindInfo{EntryKind::Purchase, "purchase", KindDirection::Credit},
    KindInfo{EntryKind::Return, "return", KindDirection::Either},
    KindInfo{EntryKind::VoucherIssue, "voucher_issue", KindDirection::None},
    KindInfo{EntryKind::VoucherUse, "voucher_use", KindDirection::None},
    KindInfo{EntryKind::VoucherExpire, "voucher_expire", KindDirection::None},
    KindInfo{EntryKind::PointsExpire, "points_expire", KindDirection::Debit},
    KindInfo{EntryKind::Reversal, "reversal", KindDirection::Either},
    KindInfo{EntryKind::Transfer, "transfer", KindDirection::Either},
    KindInfo{EntryKind::Adjust, "adjust", KindDirection::Either},
    KindInfo{EntryKind::Feedback, "feedback", KindDirection::None},
    KindInfo{EntryKind::ShiftOpen, "shift_open", KindDirection::None},
    KindInfo{EntryKind::ShiftClose, "shift_close", KindDirection::None},
    KindInfo{EntryKind::CardAlert, "card_alert", KindDirection::None},
    KindInfo{EntryKind::Membership, "membership", KindDirection::Debit},
    KindInfo{EntryKind::Refund, "refund", KindDirection::Debit},
    KindInfo{EntryKind::TierChange, "tier_change", KindDirection::None},
    KindInfo{EntryKind::PinChange, "pin_change", KindDirection::None},
    KindInfo{EntryKind::HqSync, "hq_sync", KindDirection::Either},
    KindInfo{EntryKind::CardSync, "card_sync", KindDirection::Either},
};

constexpr std::array<EntryKind, kKinds.size()> makeAll()
{
    std::array<EntryKind, kKinds.size()> all{};
    for (size_t i = 0; i < kKinds.size(); ++i)
        all[i] = kKinds[i].kind;
    return all;
}
constexpr auto kAll = makeAll();

const KindInfo *find(EntryKind kind) noexcept
{
    for (const auto &k : kKinds) {
        if (k.kind == kind)
            return &k;
    }
    return nullptr;
}
} // namespace

std::string_view entryKindName(EntryKind kind) noexcept
{
    const auto *k = find(kind);
    return k ? k->name : std::string_view("unknown");
}

Result<EntryKind> entryKindFromName(std::string_view name)
{
    std::string valid;
    for (const auto &k : kKinds) {
        if (k.name == name)
            return k.kind;
        valid += valid.empty() ? "" : ", ";
        valid += k.name;
    }
    return fail(ErrorCode::InvalidArgument, "unknown entry kind '" + std::string(name) + "' (valid: " + valid + ")");
}

Result<EntryKind> entryKindFromCode(uint16_t code)
{
    for (const auto &k : kKinds) {
        if (static_cast<uint16_t>(k.kind) == code)
            return k.kind;
    }
    return fail(ErrorCode::Corrupt, "unknown entry kind code " + std::to_string(code));
}

KindDirection entryKindDirection(EntryKind kind) noexcept
{
    const auto *k = find(kind);
    return k ? k->direction : KindDirection::None;
}

std::span<const EntryKind> allEntryKinds() noexcept
{
    return kAll;
}

} // namespace tapledger

#include "core/engine/explainertemplates.h"

namespace tapledger::phrase {

namespace {
// Terms that only ever arrive as data (extra fields, policy pay methods), declared here so that
// lupdate sees them. Policy-specific words (a venue's own pay methods or categories) are
// translated in the policy's "translations" section instead.
const char *const kAll[] = {
    kPointsLine, kRuleTag,
    kEnrolStaff, kEnrolMember, kIssue, kPinChanged, kHqSyncMember, kHqSyncUnchanged, kHqSyncDeny, kHqSyncKiosk, kCardSync, kCardBlocked, kCardAlert, kTransferOut, kTransferIn,
    kTransferBalances, kAdjust, kShiftOpen, kShiftClose, kShiftPayMethod, kShiftTotals, kFeedback,
    kFeedbackRating, kFeedbackCategory, kFeedbackText,
    kTopUp, kTopUpBonus, kTopUpNoBonus, kRefund, kMembershipBought, kMembershipRenewed,
    kPurchase, kPurchaseFromStoredValue, kPurchaseList, kPurchaseMemberPrices, kPurchaseDiscount,
    kPurchaseVoucher, kReturn, kReturnShortfall, kReturnStoredValue, kReturnRefund, kReturnVoucher,
    kReturnPartial, kReturnLine, kReturnThreshold, kVoucherVoidPartial,
    kEarnSpend, kEarnPromotion, kEarnRounding, kEarnVisit, kEarnThreshold, kEarnPromoBonus, kEarnOffer,
    kEarned, kEarnCapped, kRedeem, kRedeemCredit, kRedeemCash, kPointsExpire, kTierReview, kTierSpend,
    kTierPoints, kTierChange, kTierProgressTop, kTierProgressSpend, kTierProgressPoints, kTierAtReview, kTierUpgrade,
    kVoucherIssue, kVoucherMinSpend, kVoucherValidTo, kVoucherFromOffer, kVoucherForPurchase, kVoucherUse,
    kVoucherVoid, kVoucherExpired,
    kNever, kCapDaily, kCapPerPurchase,
    // pay methods
    TL_TRANSLATE_NOOP("Explainer", "stored_value"), TL_TRANSLATE_NOOP("Explainer", "cash"),
    TL_TRANSLATE_NOOP("Explainer", "card"),
    // HQ deny-list reasons and kiosk statuses (docs/sync-protocol.md)
    TL_TRANSLATE_NOOP("Explainer", "fork"), TL_TRANSLATE_NOOP("Explainer", "overspend"),
    TL_TRANSLATE_NOOP("Explainer", "active"), TL_TRANSLATE_NOOP("Explainer", "revoked"),
    TL_TRANSLATE_NOOP("Explainer", "quarantined"),
    // staff roles (core/card.h)
    TL_TRANSLATE_NOOP("Explainer", "cashier"), TL_TRANSLATE_NOOP("Explainer", "supervisor"),
    TL_TRANSLATE_NOOP("Explainer", "admin"),
    // roundings (core/engine/rational.h)
    TL_TRANSLATE_NOOP("Explainer", "floor"), TL_TRANSLATE_NOOP("Explainer", "ceil"),
    TL_TRANSLATE_NOOP("Explainer", "half_up"),
    // offer sources (core/engine/offer.h)
    TL_TRANSLATE_NOOP("Explainer", "kiosk"), TL_TRANSLATE_NOOP("Explainer", "hq"),
    // the default feedback categories (core/engine/policy.h)
    TL_TRANSLATE_NOOP("Explainer", "food"), TL_TRANSLATE_NOOP("Explainer", "service"),
    TL_TRANSLATE_NOOP("Explainer", "cleanliness"), TL_TRANSLATE_NOOP("Explainer", "waiting_time"),
    TL_TRANSLATE_NOOP("Explainer", "other"),
};
} // namespace

std::span<const char *const> explainerPhrases()
{
    return kAll;
}

} // namespace tapledger::phrase

#pragma once
// Every English text the Explainer writes, declared once: line templates with `{name}`
// placeholders (filled by fillTemplate) and terms (pay methods, roles, cap kinds, "never", …).
// TL_TRANSLATE_NOOP marks them for lupdate (context "Explainer"); a kiosk builds a Phrasebook
// from explainerPhrases() with its translations. Changing an English text here changes the
// engine golden files and needs a new translation.

#include "core/engine/phrasebook.h"

#include <span>

namespace tapledger::phrase {

// ---- Building blocks ----------------------------------------------------------------------------
inline constexpr char kPointsLine[] = TL_TRANSLATE_NOOP("Explainer", "{points} pts: {detail}");
inline constexpr char kRuleTag[] = TL_TRANSLATE_NOOP("Explainer", "(rule {rule} v{version})");

// ---- Members, cards, staff ----------------------------------------------------------------------
inline constexpr char kEnrolStaff[] = TL_TRANSLATE_NOOP("Explainer", "Registered staff member {name} as {role}");
inline constexpr char kEnrolMember[] = TL_TRANSLATE_NOOP("Explainer", "Enrolled {name} as member '{handle}'");
inline constexpr char kIssue[] = TL_TRANSLATE_NOOP("Explainer", "Card {card} issued");
inline constexpr char kPinChanged[] = TL_TRANSLATE_NOOP("Explainer", "PIN changed");
inline constexpr char kHqSyncMember[] = TL_TRANSLATE_NOOP(
    "Explainer", "Brought up to date with headquarters: deposit {deposit}, bonus {bonus}, {points} pts");
inline constexpr char kHqSyncUnchanged[] = TL_TRANSLATE_NOOP("Explainer", "Checked with headquarters: no change");
inline constexpr char kHqSyncDeny[] = TL_TRANSLATE_NOOP("Explainer", "Card {card} blocked by headquarters: {reason}");
inline constexpr char kHqSyncKiosk[] = TL_TRANSLATE_NOOP("Explainer", "Fleet kiosk {kiosk}: {status}");
inline constexpr char kCardSync[] = TL_TRANSLATE_NOOP(
    "Explainer", "Brought up to date from the card (written at kiosk {kiosk}): deposit {deposit}, bonus {bonus}, {points} pts");
inline constexpr char kCardBlocked[] = TL_TRANSLATE_NOOP("Explainer", "Card {card} blocked: {reason}");
inline constexpr char kCardAlert[] = TL_TRANSLATE_NOOP("Explainer", "Card alert: {reason}");
inline constexpr char kTransferOut[] = TL_TRANSLATE_NOOP("Explainer", "Card replaced: moved to card {card}");
inline constexpr char kTransferIn[] = TL_TRANSLATE_NOOP("Explainer", "Replacement card {card} for card {from_card}");
inline constexpr char kTransferBalances[] =
    TL_TRANSLATE_NOOP("Explainer", ": deposit {deposit}, bonus {bonus}, {points} pts");
inline constexpr char kAdjust[] = TL_TRANSLATE_NOOP("Explainer", "{points} pts: staff adjustment by a {role}: {reason}");
inline constexpr char kShiftOpen[] = TL_TRANSLATE_NOOP("Explainer", "Shift opened by {name} ({role})");
inline constexpr char kShiftClose[] = TL_TRANSLATE_NOOP("Explainer", "Shift {shift} closed by {name}:");
inline constexpr char kShiftPayMethod[] =
    TL_TRANSLATE_NOOP("Explainer", " {pay_method} top-ups {topups}, sales {sales}, refunds {refunds};");
inline constexpr char kShiftTotals[] = TL_TRANSLATE_NOOP(
    "Explainer", " bonus {bonus}, points issued {issued}, redeemed {redeemed}, adjusted {adjusted}");
inline constexpr char kFeedback[] = TL_TRANSLATE_NOOP("Explainer", "Feedback");
inline constexpr char kFeedbackRating[] = TL_TRANSLATE_NOOP("Explainer", " {rating}/5");
inline constexpr char kFeedbackCategory[] = TL_TRANSLATE_NOOP("Explainer", " on {category}");
inline constexpr char kFeedbackText[] = TL_TRANSLATE_NOOP("Explainer", ": \"{text}\"");

// ---- Stored value -------------------------------------------------------------------------------
inline constexpr char kTopUp[] = TL_TRANSLATE_NOOP("Explainer", "Top-up {amount} by {pay_method}: deposit +{deposit}");
inline constexpr char kTopUpBonus[] =
    TL_TRANSLATE_NOOP("Explainer", ", bonus +{bonus} for a deposit of at least {min} {rule}");
inline constexpr char kTopUpNoBonus[] = TL_TRANSLATE_NOOP("Explainer", " (no bonus tier reached)");
inline constexpr char kRefund[] =
    TL_TRANSLATE_NOOP("Explainer", "Stored value refunded: deposit {deposit} paid out, bonus {bonus} forfeited");
inline constexpr char kMembershipBought[] =
    TL_TRANSLATE_NOOP("Explainer", "Membership bought for {fee} by {pay_method}, valid to {date} {rule}");
inline constexpr char kMembershipRenewed[] =
    TL_TRANSLATE_NOOP("Explainer", "Membership renewed for {fee} by {pay_method}, valid to {date} {rule}");

// ---- Purchases and returns ----------------------------------------------------------------------
inline constexpr char kPurchase[] = TL_TRANSLATE_NOOP("Explainer", "Purchase {seq} {amount} by {pay_method}");
inline constexpr char kPurchaseFromStoredValue[] = TL_TRANSLATE_NOOP("Explainer", " (deposit {deposit}, bonus {bonus})");
inline constexpr char kPurchaseList[] = TL_TRANSLATE_NOOP("Explainer", ": list {list}");
inline constexpr char kPurchaseMemberPrices[] = TL_TRANSLATE_NOOP("Explainer", ", member prices -{amount}");
inline constexpr char kPurchaseDiscount[] = TL_TRANSLATE_NOOP("Explainer", ", discount {rate} off -{amount} {rule}");
inline constexpr char kPurchaseVoucher[] = TL_TRANSLATE_NOOP("Explainer", ", voucher {voucher} -{amount}");
inline constexpr char kReturn[] =
    TL_TRANSLATE_NOOP("Explainer", "Return of purchase {purchase} ({amount}): {points} pts of {earned} earned");
inline constexpr char kReturnShortfall[] = TL_TRANSLATE_NOOP("Explainer", ", shortfall {shortfall} pts (already spent)");
inline constexpr char kReturnStoredValue[] =
    TL_TRANSLATE_NOOP("Explainer", "; stored value back: deposit +{deposit}, bonus +{bonus}");
inline constexpr char kReturnRefund[] = TL_TRANSLATE_NOOP("Explainer", "; refund by {pay_method}");
inline constexpr char kReturnVoucher[] = TL_TRANSLATE_NOOP("Explainer", "; voucher {voucher} reinstated");
inline constexpr char kReturnPartial[] =
    TL_TRANSLATE_NOOP("Explainer", "Return of {items} from purchase {purchase} ({amount}): {points} pts of {earned} earned");
inline constexpr char kReturnLine[] = TL_TRANSLATE_NOOP("Explainer", "{quantity} × {name}");
inline constexpr char kReturnThreshold[] =
    TL_TRANSLATE_NOOP("Explainer", "; threshold bonus {rule} taken back (the rest is below {min_spend})");
inline constexpr char kVoucherVoidPartial[] = TL_TRANSLATE_NOOP(
    "Explainer", "Voucher {voucher} void: purchase {purchase} is now {remaining}, below the {min_spend} that issued it");

// ---- Points -------------------------------------------------------------------------------------
inline constexpr char kEarnSpend[] =
    TL_TRANSLATE_NOOP("Explainer", "{amount} × {points_per} pt/{per} × {tier} {multiplier}");
inline constexpr char kEarnPromotion[] = TL_TRANSLATE_NOOP("Explainer", " × promotion {multiplier}");
inline constexpr char kEarnRounding[] = TL_TRANSLATE_NOOP("Explainer", " ({rounding}) {rule}");
inline constexpr char kEarnVisit[] = TL_TRANSLATE_NOOP("Explainer", "first visit of {date} {rule}");
inline constexpr char kEarnThreshold[] = TL_TRANSLATE_NOOP("Explainer", "purchase {amount} reached {min_spend} {rule}");
inline constexpr char kEarnPromoBonus[] = TL_TRANSLATE_NOOP("Explainer", "promotion bonus {from} to {to} {rule}");
inline constexpr char kEarnOffer[] =
    TL_TRANSLATE_NOOP("Explainer", "offer '{title}' accepted (offer {offer} v{version}, {source})");
inline constexpr char kEarned[] = TL_TRANSLATE_NOOP("Explainer", "earned");
inline constexpr char kEarnCapped[] =
    TL_TRANSLATE_NOOP("Explainer", "; capped from {capped_from} by the {cap} cap of {cap_points}");
inline constexpr char kRedeem[] = TL_TRANSLATE_NOOP("Explainer", "{points} pts: reward '{name}'");
inline constexpr char kRedeemCredit[] = TL_TRANSLATE_NOOP("Explainer", " → bonus +{credit} at {value_per_point} per point");
inline constexpr char kRedeemCash[] = TL_TRANSLATE_NOOP("Explainer", ", cash part {cash} by {pay_method}");
inline constexpr char kPointsExpire[] =
    TL_TRANSLATE_NOOP("Explainer", "{points} pts: expired, batch {batch} earned {earned}, valid to {date}");
inline constexpr char kTierReview[] = TL_TRANSLATE_NOOP("Explainer", "Tier review of {date}");
inline constexpr char kTierSpend[] = TL_TRANSLATE_NOOP("Explainer", "spend {amount}");
inline constexpr char kTierPoints[] = TL_TRANSLATE_NOOP("Explainer", "{points} pts earned");
inline constexpr char kTierChange[] = TL_TRANSLATE_NOOP("Explainer", "Tier {from} → {to}: {value} in {days} days");
inline constexpr char kTierProgressTop[] = TL_TRANSLATE_NOOP("Explainer", "top tier: {tier}");
inline constexpr char kTierProgressSpend[] = TL_TRANSLATE_NOOP("Explainer", "spend {amount} more for {tier}");
inline constexpr char kTierProgressPoints[] = TL_TRANSLATE_NOOP("Explainer", "earn {points} more points for {tier}");
inline constexpr char kTierAtReview[] = TL_TRANSLATE_NOOP("Explainer", " at the review of {date}");
inline constexpr char kTierUpgrade[] = TL_TRANSLATE_NOOP("Explainer", " reached {min} (upgrade)");

// ---- Vouchers -----------------------------------------------------------------------------------
inline constexpr char kVoucherIssue[] = TL_TRANSLATE_NOOP("Explainer", "Voucher {seq}: {value} off");
inline constexpr char kVoucherMinSpend[] = TL_TRANSLATE_NOOP("Explainer", " a spend of {min_spend}");
inline constexpr char kVoucherValidTo[] = TL_TRANSLATE_NOOP("Explainer", ", valid to {date}");
inline constexpr char kVoucherFromOffer[] = TL_TRANSLATE_NOOP("Explainer", " (offer '{title}', {source})");
inline constexpr char kVoucherForPurchase[] = TL_TRANSLATE_NOOP("Explainer", " for purchase {purchase} of {amount} {rule}");
inline constexpr char kVoucherUse[] = TL_TRANSLATE_NOOP("Explainer", "Voucher {voucher} used: -{value} on purchase {purchase}");
inline constexpr char kVoucherVoid[] =
    TL_TRANSLATE_NOOP("Explainer", "Voucher {voucher} void: purchase {purchase} that issued it was returned");
inline constexpr char kVoucherExpired[] =
    TL_TRANSLATE_NOOP("Explainer", "Voucher {voucher} ({value}) expired unused, valid to {date}");

// ---- Terms (whole words filled into templates) --------------------------------------------------
inline constexpr char kNever[] = TL_TRANSLATE_NOOP("Explainer", "never");
inline constexpr char kCapDaily[] = TL_TRANSLATE_NOOP("Explainer", "daily");
inline constexpr char kCapPerPurchase[] = TL_TRANSLATE_NOOP("Explainer", "per-purchase");

/// Every template above, then every term a template may be filled with (the ones above plus pay
/// methods, roles, roundings, offer sources and the default feedback categories), each once.
std::span<const char *const> explainerPhrases();

} // namespace tapledger::phrase

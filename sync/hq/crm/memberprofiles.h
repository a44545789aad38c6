#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/engine/memberprofile.h"
#include "core/engine/purchaseeffect.h"
#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/hqwritetx.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tapledger::sync {

/// What `tapledger-hq profile set` changes: each field given replaces the stored one ("" clears
/// it); a field not given keeps its stored value (docs/crm.md, "Member profiles").
struct ProfileChange
{
    Uuid member;
    std::optional<std::string> type, gender, ageBand, nationality, industry, position, creditGrade, seat, taste,
        allergies, notes;
    std::string staff; ///< the HQ operator, 1..128 bytes without control characters
    int64_t nowMs = 0; ///< UTC ms: the profile's updated_ms and the end of the derivation window
};

/// One purchase as the derivation reads it: a kiosk's merged purchase, pay or return entry (read
/// with core's purchaseEffect) or an imported point-of-sale row.
struct ProfilePurchase
{
    int64_t timeMs = 0;  ///< UTC ms
    std::string kiosk;   ///< the kiosk that wrote it; "" for an imported row (no visit)
    PurchaseEffect effect;
};

/// HQ's member profiles: validated, consent respected, derived preferences computed from the
/// member's purchases, published to the kiosks as signed `profile` feed items.
class MemberProfiles
{
public:
    /// Derivation window: purchases in the last this many days (up to now) count.
    static constexpr int64_t kWindowDays = 365;
    /// Most usual items (SKUs) derived.
    static constexpr size_t kUsualItems = 3;
    /// Most favourite categories derived.
    static constexpr size_t kFavouriteCategories = 3;
    /// Most last visits sent.
    static constexpr size_t kLastVisits = 5;

    /// Fills @p profile's usualItems, favouriteCategories and lastVisits from @p purchases as of
    /// @p nowMs (UTC ms), by the rule of docs/crm.md "Member profiles": within the window, SKUs by
    /// net quantity bought (returns subtract; ties: more spend, then name), categories by net spend
    /// (ties by name), only positive ones; visits = the newest kiosk purchase and pay entries of any
    /// time up to now, newest first.
    static void derive(std::span<const ProfilePurchase> purchases, int64_t nowMs, MemberProfile &profile);
    /// Every purchase of @p member HQ holds: merged kiosk entries and imported rows.
    static Result<std::vector<ProfilePurchase>> purchasesOf(HqReadTx &tx, const Uuid &member);
    /// Applies @p change to the member's stored profile, derives the preferences, stores it and
    /// appends the signed `profile` feed item (signed with @p hqKey), in @p tx. Refused, nothing
    /// written: NotFound for a member no kiosk has synced; InvalidArgument for a bad value (the
    /// field named), a nationality that is no ISO 3166-1 alpha-2 country, or a field that needs
    /// consent given for a member without it. Without consent, stored consent fields are dropped.
    static Result<MemberProfile> set(HqWriteTx &tx, const ProfileChange &change, const Ed25519SecretKey &hqKey);
    /// The member's published profile, nullopt when none.
    static Result<std::optional<MemberProfile>> show(HqReadTx &tx, const Uuid &member);
    /// True when @p code (upper case) is an ISO 3166-1 alpha-2 country code (ICU's list).
    static bool isIsoCountry(const std::string &code);
};

} // namespace tapledger::sync

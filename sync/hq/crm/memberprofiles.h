#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/engine/memberprofile.h"
#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/hqwritetx.h"

#include <optional>
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

/// HQ's member profiles: validated, consent respected, derived preferences computed from the
/// member's purchases, published to the kiosks as signed `profile` feed items.
class MemberProfiles
{
public:
    /// Every purchase of @p member HQ holds (MemberProfile::derive reads them): merged kiosk entries and imported rows.
    static Result<std::vector<MemberProfile::Purchase>> purchasesOf(HqReadTx &tx, const Uuid &member);
    /// Applies @p change to the member's stored profile, derives the preferences, stores it and
    /// appends the signed `profile` feed item (signed with @p hqKey), in @p tx. Refused, nothing
    /// written: NotFound for a member no kiosk has synced; InvalidArgument for a bad value (the
    /// field named), a nationality that is no ISO 3166-1 alpha-2 country, or a field that needs
    /// consent given for a member without it. Without consent, stored consent fields are dropped.
    static Result<MemberProfile> set(HqWriteTx &tx, const ProfileChange &change, const Ed25519SecretKey &hqKey);
    /// Derives @p member's preferences again from every purchase HQ now holds, as of the newest
    /// one (its time_ms ends the window: the feed stays a function of the merged entries), and,
    /// only when usual items, favourite categories or last visits changed, stores the profile and
    /// appends a new signed `profile` item; staff fields, updated_by and updated_ms stay. Nothing
    /// for a member without a profile. True when it published.
    static Result<bool> rederive(HqWriteTx &tx, const Uuid &member, const Ed25519SecretKey &hqKey);
    /// The member's published profile, nullopt when none.
    static Result<std::optional<MemberProfile>> show(HqReadTx &tx, const Uuid &member);
    /// True when @p code (upper case) is an ISO 3166-1 alpha-2 country code (ICU's list).
    static bool isIsoCountry(const std::string &code);

private:
    /// Stores @p p as @p member's profile and appends its signed `profile` feed item.
    static Result<void> publish(HqWriteTx &tx, const Uuid &member, const MemberProfile &p, const Ed25519SecretKey &hqKey);
};

} // namespace tapledger::sync

#pragma once

#include "core/engine/purchaseeffect.h"
#include "core/result.h"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger {

/// A member's profile and preferences as HQ keeps them and ships them to kiosks for the staff
/// screens (docs/crm.md, "Member profiles"; docs/sync-protocol.md, `profile` items). Staff-only
/// data: no guest screen shows it. One reading for HQ (which refuses a bad profile before storing
/// it) and the kiosk engine (which adopts it): no second parser. Every text is "" when not set.
struct MemberProfile
{
    /// Longest industry, position, seat and taste text, bytes.
    static constexpr size_t kMaxShortText = 80;
    /// Longest allergies text, bytes.
    static constexpr size_t kMaxAllergies = 200;
    /// Longest notes text, bytes.
    static constexpr size_t kMaxNotes = 1000;
    /// Most usual items, favourite categories and last visits each.
    static constexpr size_t kMaxDerived = 5;

    /// One visit (a purchase or pay entry) as HQ merged it.
    struct Visit
    {
        int64_t timeMs = 0;      ///< when, UTC ms
        std::string kiosk;       ///< the kiosk id (chain) that wrote it
        int64_t amountMinor = 0; ///< charged, minor units of the venue currency, >= 0
        bool operator==(const Visit &) const = default;
    };

    /// One purchase as derive() reads it: a kiosk's purchase, pay or return entry (read with
    /// purchaseEffect) or an imported point-of-sale row.
    struct Purchase
    {
        int64_t timeMs = 0; ///< UTC ms
        std::string kiosk;  ///< the kiosk that wrote it; "" for an imported row (no visit)
        PurchaseEffect effect;
    };

    /// Derivation window: purchases in the last this many days (up to now) count.
    static constexpr int64_t kWindowDays = 365;
    /// Most usual items (SKUs) derived.
    static constexpr size_t kUsualItems = 3;
    /// Most favourite categories derived.
    static constexpr size_t kFavouriteCategories = 3;
    /// Most last visits kept.
    static constexpr size_t kLastVisits = 5;

    std::string type;        ///< "person", "company" or "family"
    std::string gender;      ///< "female", "male" or "other" (needs consent)
    std::string ageBand;     ///< "under-18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-plus" (needs consent)
    std::string nationality; ///< ISO 3166-1 alpha-2, upper case ("CN") (needs consent)
    std::string industry;    ///< free text, one line, up to kMaxShortText bytes (needs consent)
    std::string position;    ///< free text, one line, up to kMaxShortText bytes (needs consent)
    std::string creditGrade; ///< "A" (best) … "D"
    std::string seat;        ///< staff-entered seat preference, up to kMaxShortText bytes
    std::string taste;       ///< staff-entered taste, up to kMaxShortText bytes
    std::string allergies;   ///< staff-entered allergies, up to kMaxAllergies bytes (shown highlighted)
    std::string notes;       ///< staff notes, up to kMaxNotes bytes (line breaks allowed)
    std::string updatedBy;   ///< the HQ operator who last set it, 1..128 bytes
    int64_t updatedMs = 0;   ///< when, UTC ms
    /// Derived at HQ from the member's purchases (docs/crm.md): most bought SKUs, first = most.
    std::vector<std::string> usualItems;
    /// Derived at HQ: categories with the most spend, first = most.
    std::vector<std::string> favouriteCategories;
    /// Derived at HQ: the member's newest visits across the fleet, newest first.
    std::vector<Visit> lastVisits;

    /// True when any field that needs the member's consent (gender, age band, nationality,
    /// industry, position) is set.
    bool hasConsentFields() const;
    /// Checks every field as documented above; InvalidArgument "profile.field: problem" for the
    /// first bad one.
    Result<void> validate() const;
    /// The canonical JSON object (keys sorted; what parse() reads back).
    std::string toJson() const;
    /// Parses and validates the JSON object toJson() writes; unknown fields are refused.
    /// InvalidArgument "profile.field: problem" for anything else.
    static Result<MemberProfile> parse(std::string_view json);
    /// Fills usualItems, favouriteCategories and lastVisits from @p purchases as of @p nowMs (UTC
    /// ms), by the rule of docs/crm.md "Member profiles": within the window, SKUs by net quantity
    /// bought (returns subtract; ties: more spend, then name), categories by net spend (ties by
    /// name), only positive ones; visits = the newest kiosk purchase and pay entries of any time up
    /// to now, newest first. HQ runs it over the member's merged purchases.
    void derive(std::span<const Purchase> purchases, int64_t nowMs);
    /// Checks one free-text field: at most @p maxBytes bytes of UTF-8 with no control character
    /// (a line break allowed only when @p multiline). "" when good, else the problem.
    static std::string textProblem(std::string_view text, size_t maxBytes, bool multiline);
};

} // namespace tapledger

#pragma once

#include "core/engine/offer.h"
#include "core/result.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger {

/// Per-member offers HQ ranks (the CRM) and ships in the change feed as an `offers` item
/// (docs/sync-protocol.md, "offers body"). One reading for HQ (which refuses a bad list before
/// publishing it) and the kiosk engine (which adopts it): no second parser.
class HqOffers
{
public:
    /// Most offers one member's item may carry.
    static constexpr size_t kMaxOffers = 50;

    /// Parses the JSON array of offers of an `offers` body. Each offer: `id` (1..40 of
    /// [a-z0-9-], unique in the list), `version` (>= 1), `title` (1..80 bytes), `reason` (one
    /// line, 1..200 bytes), `priority` (rank, higher first), `valid_from_ms` <= `valid_until_ms`
    /// (UTC ms), `per_member_limit` (>= 0, 0 = unlimited), optional `limit_key` (the span the limit
    /// counts over, Offer::limitPeriodKey: up to 16 of [0-9a-z-], absent = the member's life), `grant` ({"type":"none"},
    /// {"type":"points","points":N>0} or {"type":"voucher","value":minor>0,"min_spend":minor>=0,
    /// "expires_ms":UTC ms}), optional `translations` (locale → English text → translation, like
    /// the policy's). Unknown fields are refused. Offers come back with source "hq".
    /// InvalidArgument "offers[i].field: problem" for anything else.
    static Result<std::vector<Offer>> parse(std::string_view offersArrayJson);
    /// The canonical JSON array of @p offers (what parse() reads back; source is not written).
    static std::string toJson(std::span<const Offer> offers);
};

} // namespace tapledger

#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace tapledger {

/// What went wrong, coarse enough for a caller to branch on; Error::message is for people.
enum class ErrorCode {
    InvalidArgument, ///< malformed input: bad amount, unknown kind, bad hex, bad option
    NotFound,        ///< unknown member, card, seq, file or directory
    AlreadyExists,   ///< the thing to create is already there (data dir, idempotency key)
    Corrupt,         ///< stored data fails validation (decode, hash, signature, schema)
    Io,              ///< file system or database failure
    Crypto,          ///< a cryptographic operation failed or a key is unusable
    Overflow,        ///< an amount would leave the int64 range
    Insufficient,    ///< not enough balance, points or stock
    Conflict,        ///< inconsistent with existing state (currency mismatch, key reuse)
    Denied,          ///< wrong PIN, locked, expired, not permitted
};

/// Why a guest or cashier action was refused, stable for screens to translate (docs/engine.md,
/// "Error reasons"); None for every other failure, whose message is all there is. Set by the
/// engine (and the kiosk's card path for CardRemoved) next to the unchanged English message.
enum class ErrorReason : uint8_t {
    None,                    ///< no specific reason: show Error::message
    WrongPin,                ///< member PIN wrong; attemptsLeft ≥ 1 before the lock
    PinLocked,               ///< member PIN locked (now or by this attempt); untilMs = lock end
    InsufficientStoredValue, ///< deposit + bonus too low; available / needed in minor units
    InsufficientPoints,      ///< points too low; available / needed in points
    OutOfStock,              ///< the reward's stock is used up
    OverMemberLimit,         ///< the member reached the reward's limit; needed = the limit
    VoucherExpired,          ///< untilMs = when it expired
    VoucherUsed,             ///< the voucher was already used
    VoucherMinSpend,         ///< the purchase is below the voucher's minimum spend (available / needed, minor units)
    UnknownCard,             ///< the card is not registered at this kiosk
    CardBlocked,             ///< the card was replaced or blocked (deny-listed)
    UnknownMember,           ///< no such member
    CardRemoved,             ///< the card left the reader before its update committed: nothing was charged
    StaffPinWrong,           ///< staff PIN wrong; attemptsLeft ≥ 1 before the lock
    StaffPinLocked,          ///< staff PIN locked; untilMs = lock end
    SupervisorRequired,      ///< above a cashier's limit; needed = the limit
    OfflineCountLimit,       ///< offline: the card made its offline spends; needed = the limit (count)
    OfflineValueLimit,       ///< offline: the card's offline value cap; available = left, needed = asked (minor units)
    OfflineDenyListStale,    ///< offline with a deny-list older than the limit; needed = the limit (hours)
};
/// The last ErrorReason (for tables over every reason).
inline constexpr ErrorReason kLastErrorReason = ErrorReason::OfflineDenyListStale;

/// A failure: a code to branch on, a one-line, user-readable message (never contains key
/// material) and, for failures a guest or cashier can hit, a stable reason with its numbers.
struct Error
{
    ErrorCode code;
    std::string message;
    ErrorReason reason = ErrorReason::None;
    int32_t attemptsLeft = 0; ///< WrongPin / StaffPinWrong: attempts before the lock; else 0
    int64_t untilMs = 0;      ///< *PinLocked: lock end; VoucherExpired: expiry (UTC ms); else 0
    int64_t available = 0;    ///< Insufficient*, VoucherMinSpend: what there is (minor units or points); else 0
    int64_t needed = 0;       ///< Insufficient*, VoucherMinSpend: what it takes; OverMemberLimit,
                              ///< SupervisorRequired: the limit; else 0
};

/// Either a value or an Error. Accessing the wrong alternative is a programming error (asserts).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    /// True when a value is held.
    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; only valid when ok().
    T &value() & { assert(ok()); return std::get<0>(m_v); }
    const T &value() const & { assert(ok()); return std::get<0>(m_v); }
    /// On a temporary the value is moved out, so `for (auto &x : *makeResult())` stays valid.
    T value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T operator*() && { return std::move(*this).value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    /// The error; only valid when !ok().
    const Error &error() const & { assert(!ok()); return std::get<1>(m_v); }
    Error &&error() && { assert(!ok()); return std::get<1>(std::move(m_v)); }

private:
    std::variant<T, Error> m_v;
};

/// Success without a value, or an Error.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return ok(); }
    const Error &error() const & { assert(m_failed); return m_error; }
    Error &&error() && { assert(m_failed); return std::move(m_error); }

private:
    Error m_error{};
    bool m_failed = false;
};

/// Shorthand for building an Error.
inline Error fail(ErrorCode code, std::string message)
{
    return Error{code, std::move(message), ErrorReason::None, 0, 0, 0, 0};
}

/// Shorthand for building an Error with a reason (set its numbers on the result).
inline Error fail(ErrorCode code, ErrorReason reason, std::string message)
{
    return Error{code, std::move(message), reason, 0, 0, 0, 0};
}

/// @p error with @p reason when its code is @p when (a NotFound row lookup becomes UnknownMember);
/// otherwise unchanged.
inline Error reasonIf(Error error, ErrorCode when, ErrorReason reason)
{
    if (error.code == when)
        error.reason = reason;
    return error;
}

} // namespace tapledger

/// Propagates the error of a Result-returning expression; otherwise evaluates to nothing.
#define TL_TRY(expr)                                                                                         \
    do {                                                                                                     \
        auto tl_try_result_ = (expr);                                                                        \
        if (!tl_try_result_.ok())                                                                            \
            return std::move(tl_try_result_).error();                                                        \
    } while (false)

/// Assigns the value of a Result-returning expression to @p lhs, or propagates its error.
#define TL_ASSIGN(lhs, expr)                                                                                 \
    do {                                                                                                     \
        auto tl_assign_result_ = (expr);                                                                     \
        if (!tl_assign_result_.ok())                                                                         \
            return std::move(tl_assign_result_).error();                                                     \
        lhs = std::move(tl_assign_result_).value();                                                          \
    } while (false)

#pragma once

#include <cassert>
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

/// A failure: a code to branch on and a one-line, user-readable message (never contains key material).
struct Error
{
    ErrorCode code;
    std::string message;
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
    return Error{code, std::move(message)};
}

} // namespace tapledger

/// Propagates the error of a Result-returning expression; otherwise evaluates to nothing.
#define TL_TRY(expr)                                                                                         \
    do {                                                                                                     \
        auto tl_try_result_ = (expr);                                                                        \
        if (!tl_try_result_.ok())                                                                            \
            return std::move(tl_try_result_).error();                                                        \
    } while (false)

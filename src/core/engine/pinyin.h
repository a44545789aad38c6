#pragma once
// Public: the engine's staff lookup and HQ's duplicate finder (sync/hq/duplicatefinder.cpp) share it.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace tapledger {

/// Pinyin keys of member names for the staff lookup: a cashier whose touch keyboard has no
/// Chinese input types "liwei" or "lw" to find 李伟. The romanisation is ICU's `Han-Latin;
/// Latin-ASCII` transliterator (CLDR data, tone marks dropped, ü as u), never a hand-made table.
/// Keys are cached per name; safe to use from several threads.
class Pinyin
{
public:
    /// A name's keys: the syllables run together ("liwei") and their initials ("lw"), both
    /// lower-case ASCII; Latin words of a mixed name count as one syllable each. Both "" for a
    /// name without Han characters, or when ICU has no Han-Latin data.
    struct Keys
    {
        std::string full, initials;
    };

    Pinyin();
    ~Pinyin();
    Pinyin(const Pinyin &) = delete;
    Pinyin &operator=(const Pinyin &) = delete;

    /// The keys of @p name (UTF-8).
    Keys keysOf(const std::string &name) const;
    /// @p query as a pinyin query: lower-case ASCII letters with the spaces removed ("Li Wei" →
    /// "liwei"); "" when it holds anything but ASCII letters and spaces.
    static std::string pinyinQuery(std::string_view query);
    /// True when @p keys match the pinyin query @p q (pinyinQuery(), non-empty): the full
    /// romanisation contains it, or the initials start with it.
    static bool matches(const Keys &keys, const std::string &q);

private:
    struct Translit;
    mutable std::mutex m_mutex;
    std::unique_ptr<Translit> m_translit; // built on first use, under m_mutex
    mutable std::map<std::string, Keys, std::less<>> m_cache;
};

} // namespace tapledger

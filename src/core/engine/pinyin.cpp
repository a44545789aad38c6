#include "core/engine/pinyin.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cctype>

namespace tapledger {

struct Pinyin::Translit
{
    std::unique_ptr<icu::Transliterator> t;
    bool tried = false;
};

// The Han-Latin rules take megabytes once built: built on the first Chinese name looked up, not
// at start (the kiosk's idle memory).
Pinyin::Pinyin() : m_translit(std::make_unique<Translit>()) {}

Pinyin::~Pinyin() = default;

Pinyin::Keys Pinyin::keysOf(const std::string &name) const
{
    bool ascii = true;
    for (char c : name)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii)
        return {};
    std::lock_guard lock(m_mutex);
    if (auto it = m_cache.find(name); it != m_cache.end())
        return it->second;
    if (!m_translit->tried) {
        m_translit->tried = true;
        UErrorCode status = U_ZERO_ERROR;
        m_translit->t.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status))
            m_translit->t.reset();
    }
    if (!m_translit->t)
        return {};
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(name);
    m_translit->t->transliterate(text);
    std::string latin;
    text.toUTF8String(latin);
    // Han-Latin separates the syllables of a Han run with spaces ("li wei"); a syllable is a run
    // of letters.
    Keys keys;
    bool inWord = false;
    for (char c : latin) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && std::isalpha(u)) {
            const char lower = static_cast<char>(std::tolower(u));
            if (!inWord)
                keys.initials += lower;
            keys.full += lower;
            inWord = true;
        } else {
            inWord = false;
        }
    }
    return m_cache.emplace(name, keys).first->second;
}

std::string Pinyin::pinyinQuery(std::string_view query)
{
    std::string out;
    for (char c : query) {
        const auto u = static_cast<unsigned char>(c);
        if (c == ' ')
            continue;
        if (u >= 0x80 || !std::isalpha(u))
            return {};
        out += static_cast<char>(std::tolower(u));
    }
    return out;
}

bool Pinyin::matches(const Keys &keys, const std::string &q)
{
    if (q.empty() || keys.full.empty())
        return false;
    return keys.full.find(q) != std::string::npos || keys.initials.rfind(q, 0) == 0;
}

} // namespace tapledger

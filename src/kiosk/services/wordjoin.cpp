#include "services/wordjoin.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>

namespace tapledger::kiosk {

namespace {
constexpr char16_t kWordJoiner = 0x2060;

bool isHan(QChar c)
{
    return c.script() == QChar::Script_Han;
}

/// One word iterator per language and thread (building one loads ICU's rules and dictionary).
icu::BreakIterator *wordsFor(const QString &language)
{
    thread_local std::map<QString, std::unique_ptr<icu::BreakIterator>> iterators;
    auto it = iterators.find(language);
    if (it == iterators.end()) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> words(
            icu::BreakIterator::createWordInstance(icu::Locale(language.toLatin1().constData()), status));
        if (U_FAILURE(status))
            words.reset();
        it = iterators.emplace(language, std::move(words)).first;
    }
    return it->second.get();
}
} // namespace

QString keepWordsTogether(const QString &text, const QString &language)
{
    bool han = false;
    for (QChar c : text)
        han = han || isHan(c);
    icu::BreakIterator *words = han ? wordsFor(language) : nullptr;
    if (!words)
        return text;
    const icu::UnicodeString u(false, reinterpret_cast<const char16_t *>(text.utf16()), static_cast<int32_t>(text.size()));
    words->setText(u);
    QString out;
    out.reserve(text.size() * 2);
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next())
        for (int32_t i = start; i < end; ++i) {
            if (i > start && isHan(text[i - 1]) && isHan(text[i]))
                out += QChar(kWordJoiner);
            out += text[i];
        }
    return out;
}

} // namespace tapledger::kiosk

#pragma once
// Localising the engine's English texts without Qt: a phrasebook maps an English text (an
// explanation template, a term such as a pay method, or a policy text such as a reward name) to
// its translation; fillTemplate() fills the `{name}` placeholders of any template.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Marks @p text as translatable in @p context for lupdate (run with
/// `-tr-function-alias QT_TRANSLATE_NOOP+=TL_TRANSLATE_NOOP`); expands to the literal itself.
#define TL_TRANSLATE_NOOP(context, text) text

namespace tapledger {

/// Values of a template's placeholders: name (without braces) → text.
using TemplateArgs = std::vector<std::pair<std::string, std::string>>;

/// Replaces every `{name}` in @p text whose name is in @p args by its value, in one pass (values
/// are never scanned again); unknown `{…}` and lone braces stay as written.
std::string fillTemplate(std::string_view text, const TemplateArgs &args);

/// The placeholder names in @p text ("{points} pts on {date}" → {"date", "points"}). A name is
/// 1..40 of [a-z0-9_].
std::set<std::string> templatePlaceholders(std::string_view text);

/// English text → localised text. An empty phrasebook is English: phrase() returns its argument.
class Phrasebook
{
public:
    Phrasebook() = default;
    /// Adds (or replaces) the translation of @p english; an empty @p localized is ignored.
    void add(const std::string &english, const std::string &localized);
    /// Adds every pair of @p translations (English → localised), e.g. a policy's translations
    /// for one locale.
    void addAll(const std::map<std::string, std::string> &translations);
    /// The translation of @p english, or @p english itself when the phrasebook has none.
    std::string phrase(std::string_view english) const;
    /// True when nothing is translated (English).
    bool empty() const noexcept { return m_phrases.empty(); }
    /// The currency sign amounts are shown with ("¥"), in every language; empty (the default,
    /// as in the CLI and the golden files) shows bare figures.
    void setCurrencySymbol(std::string symbol) { m_symbol = std::move(symbol); }
    /// @p minor minor units with @p exponent decimals, grouped, behind the currency sign after
    /// any minus: -1234 with exponent 2 → "-¥12.34" (formatAmount for the figures).
    std::string money(int64_t minor, int exponent) const;

private:
    std::map<std::string, std::string, std::less<>> m_phrases;
    std::string m_symbol;
};

} // namespace tapledger

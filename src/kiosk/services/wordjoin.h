#pragma once

#include <QString>

namespace tapledger::kiosk {

/// @p text with a word joiner (U+2060, zero width) between neighbouring Han characters of one
/// word, so that a wrapped line breaks between words only: Chinese has no spaces, and Qt's line
/// breaking (UAX #14) may otherwise break inside a word ("金卡会/员"). Words are ICU's word
/// boundaries for @p language ("zh_CN", "en"; dictionary-based for Chinese, UAX #29). Text
/// without Han characters, or when ICU has no word iterator, is returned unchanged. For short
/// display text (tiles, notes, labels), never for data: the joiners are part of the string.
QString keepWordsTogether(const QString &text, const QString &language);

} // namespace tapledger::kiosk

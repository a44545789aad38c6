#include "services/languageservice.h"

#include "services/wordjoin.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

#include <cassert>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

LanguageService::LanguageService(const QString &language, QObject *parent) : QObject(parent)
{
    assert(isSupported(language));
    load(language);
    m_language = language;
}

bool LanguageService::isSupported(const QString &language)
{
    return language == "zh_CN"_L1 || language == "en"_L1;
}

bool LanguageService::setLanguage(const QString &language)
{
    if (!isSupported(language))
        return false;
    if (language == m_language)
        return true;
    load(language);
    m_language = language;
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT languageChanged();
    return true;
}

QString LanguageService::otherLanguage() const
{
    return m_language == "en"_L1 ? u"zh_CN"_s : u"en"_s;
}

QString LanguageService::keepWords(const QString &text) const
{
    return keepWordsTogether(text, m_language);
}

bool LanguageService::load(const QString &language)
{
    // The locale first: installing the translator sends LanguageChange, on which EngineService
    // rebuilds its phrasebook for QLocale().
    QLocale::setDefault(QLocale(language));
    QCoreApplication::removeTranslator(&m_translator);
    const bool ok = m_translator.load(":/i18n/tapledger_"_L1 + language);
    if (ok)
        QCoreApplication::installTranslator(&m_translator);
    return ok;
}

} // namespace tapledger::kiosk

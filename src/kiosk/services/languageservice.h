#pragma once

#include "services/qmlsingleton.h"

#include <QObject>
#include <QString>
#include <QTranslator>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;

namespace tapledger::kiosk {

/// The screen language: simplified Chinese ("zh_CN") or English ("en"). Switching installs the
/// compiled translation (":/i18n/tapledger_<code>.qm") and retranslates every binding at once.
/// QML singleton `LanguageService`.
class LanguageService : public QObject, public QmlSingleton<LanguageService>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// "zh_CN" or "en".
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)

public:
    /// Starts in @p language ("zh_CN" or "en"; anything else is a bug, asserts).
    explicit LanguageService(const QString &language, QObject *parent = nullptr);

    /// The engine to retranslate on a switch (set by main.cpp once it exists).
    void setEngine(QQmlEngine *engine) noexcept { m_engine = engine; }

    QString language() const { return m_language; }
    /// Switches to @p language; unknown codes are ignored (returns false).
    Q_INVOKABLE bool setLanguage(const QString &language);
    /// The other language (for the single switch button).
    Q_INVOKABLE QString otherLanguage() const;
    /// @p text laid out to break between words only in the current language
    /// (keepWordsTogether(): word joiners inside Chinese words). For tiles, notes and labels.
    Q_INVOKABLE QString keepWords(const QString &text) const;
    /// The supported codes.
    static bool isSupported(const QString &language);

Q_SIGNALS:
    void languageChanged();

private:
    bool load(const QString &language);

    QString m_language;
    QTranslator m_translator;
    QQmlEngine *m_engine = nullptr;
};

} // namespace tapledger::kiosk

#pragma once

#include "services/qmlsingleton.h"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace tapledger::kiosk {

/// The demo's "tap card N / remove card" panel (only with --demo): puts one of the emulated
/// demo cards into the emulated reader's field or takes it out. Keys 1–9 and 0 do the same.
/// QML singleton `DemoService`; `enabled` is false outside the demo and every call is a no-op.
class DemoService : public QObject, public QmlSingleton<DemoService>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool enabled READ enabled CONSTANT)
    /// One label per demo card ("Li Wei (member)", "Chen Jing (cashier)", "Blank card").
    Q_PROPERTY(QStringList cards READ cards CONSTANT)
    /// Index of the card in the field, -1 = none.
    Q_PROPERTY(int presented READ presented NOTIFY presentedChanged)

public:
    /// Present/remove actions; an empty @p present disables the panel.
    DemoService(QStringList cards, std::function<void(int)> present, std::function<void()> remove,
                QObject *parent = nullptr);

    bool enabled() const noexcept { return static_cast<bool>(m_present); }
    QStringList cards() const { return m_cards; }
    int presented() const noexcept { return m_presented; }

    /// Puts card @p index into the field (replacing any other); out of range is ignored.
    Q_INVOKABLE void tap(int index);
    /// Takes the card out of the field.
    Q_INVOKABLE void remove();

Q_SIGNALS:
    void presentedChanged();

private:
    QStringList m_cards;
    std::function<void(int)> m_present;
    std::function<void()> m_remove;
    int m_presented = -1;
};

} // namespace tapledger::kiosk

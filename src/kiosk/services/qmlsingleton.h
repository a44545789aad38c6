#pragma once

#include <QJSEngine>
#include <QQmlEngine>

#include <cassert>

namespace tapledger::kiosk {

/// Base for the kiosk services that QML sees as singletons (QML_SINGLETON): main.cpp creates
/// the one instance and installs it with setInstance(); QML's create() hands out that instance
/// and leaves its ownership with C++. Creating a service from QML before main installed it is a
/// bug (asserts).
template<typename T>
class QmlSingleton
{
public:
    /// Called by the QML engine for `import TapLedger.Kiosk` + `T.property`.
    static T *create(QQmlEngine *, QJSEngine *)
    {
        assert(s_instance && "service used from QML before main.cpp installed it");
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    /// Installs (or with nullptr, removes) the instance QML gets.
    static void setInstance(T *instance) noexcept { s_instance = instance; }
    /// The installed instance, or nullptr.
    static T *instance() noexcept { return s_instance; }

private:
    static inline T *s_instance = nullptr;
};

} // namespace tapledger::kiosk

#pragma once

#include <QDir>
#include <QObject>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QTimer>

class QQuickItem;

#include <functional>
#include <vector>

namespace tapledger::kiosk {

class DemoService;
class EngineService;
class LanguageService;
class SessionService;

/// Drives the demo through every screen (guest and staff, both languages) for `--self-test` and
/// `--screenshots DIR`: taps the emulated demo cards, logs the demo cashier in, shows each screen
/// through Main.qml's showScreen(name) and, with an output directory, saves `<lang>-<nn>-<screen>.png`
/// (offscreen: QQuickWindow::grabWindow). Counts QML warnings and errors; finishes with exit code 0
/// only when every screen was shown and there was none.
class ScreenshotRunner : public QObject
{
    Q_OBJECT

public:
    /// @p outDir empty = self-test only (nothing saved).
    ScreenshotRunner(QQmlApplicationEngine &qml, EngineService &engine, SessionService &session,
                     LanguageService &language, DemoService &demo, QString outDir, QObject *parent = nullptr);

    /// Starts; the app exits with the result when done.
    void start();
    /// Files written so far.
    const QStringList &files() const { return m_files; }
    /// Installs the message handler that counts QML warnings (call before loading QML).
    static void installWarningCounter();
    /// QML warnings and errors seen since installWarningCounter().
    static int warnings();

private:
    struct Step
    {
        QString screen;                    // Main.qml screen name; "" = preparation only
        QString label;                     // file name part; "" = screen
        std::function<void()> prepare;     // runs first
        std::function<bool()> ready;       // polled until true (max 5 s)
    };
    void buildSteps();
    void next();
    void finish(int code, const QString &why);
    void showScreen(const QString &name);
    /// Main.qml's current screen name.
    QString currentScreen() const;
    /// Sets the reward (and points, 0 for fixed rewards) the redeem screen confirms (Main.qml's
    /// pickedReward, pickedPoints).
    void pick(const QString &reward, int points);
    /// Takes the kiosk offline and spends Li Wei's card (card-001) up to its offline count cap with
    /// small stored-value payments, so that the next spend is refused (DESIGN invariant 6).
    void spendCardToTheOfflineCap();
    /// Back online (as the status service has it) with the card's offline count reset.
    void backOnline();
    /// The first visible item of the window (depth first) that @p match accepts; nullptr if none.
    QQuickItem *findItem(const std::function<bool(QQuickItem *)> &match) const;
    /// The first controller of type T on the current screen (nullptr when none).
    template <typename T>
    T *controller() const;
    /// Opens the details of the first line on the history screen (as a tap does).
    void openFirstHistoryLine();
    /// Gives the first visible text field of the current screen the focus and opens the keyboard.
    void focusFirstTextField();
    /// Sets the text of the visible text fields of the screen, in layout order, to @p texts.
    void fillTextFields(const QStringList &texts);
    /// Emits clicked() of the visible item named @p objectName (nothing when there is none).
    void clickButton(const QString &objectName);
    /// True when the touch keyboard is up and the focused field lies wholly above it (the
    /// screen moved up: Main.qml's lift); a keyboard step waits for it, so a field left under
    /// the keyboard fails the run.
    bool fieldAboveKeyboard() const;
    /// True when an item named @p objectName is visible.
    bool visibleItem(const QString &objectName) const;

    QQmlApplicationEngine &m_qml;
    EngineService &m_engine;
    SessionService &m_session;
    LanguageService &m_language;
    DemoService &m_demo;
    QString m_outDir;
    std::vector<Step> m_steps;
    size_t m_index = 0;
    int m_waited = 0;
    int m_shot = 0;
    QStringList m_files;
};

} // namespace tapledger::kiosk

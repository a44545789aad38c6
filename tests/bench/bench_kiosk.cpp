// Kiosk benchmark (issue 6): cold start to the attract screen, tap → member home rendered, and
// memory at idle and after many taps, all through the real demo path (tapledger-kiosk --demo:
// emulated PN532 on a pty, libnfc, emulated DESFire cards, real engine and QML, offscreen).
// Prints figures; it is not pass/fail beyond "the kiosk ran".
//
//   bench_kiosk [--taps 1000] [--cold-starts 5] [--kiosk PATH]
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    bool ok = false;
    double firstLineMs = -1; // spawn → "first frame" line read (wall, ms)
    QByteArray output;
};

// Starts the kiosk and waits for it to exit, timing the "first frame" line from the spawn.
Run runKiosk(const QString &kiosk, const QStringList &args, int timeoutMs)
{
    Run run;
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(kiosk, args);
    if (!process.waitForStarted(10000))
        return run;
    QByteArray out;
    while (process.state() != QProcess::NotRunning && clock.elapsed() < timeoutMs) {
        process.waitForReadyRead(20);
        out += process.readAllStandardOutput();
        if (run.firstLineMs < 0 && out.contains("first frame after"))
            run.firstLineMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        std::fprintf(stderr, "bench_kiosk: the kiosk did not finish within %d s\n", timeoutMs / 1000);
    }
    out += process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    run.output = out;
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!run.ok)
        std::fprintf(stderr, "bench_kiosk: kiosk failed (exit %d):\n%s%s\n", process.exitCode(), out.constData(),
                     err.constData());
    return run;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(u"TapLedger kiosk benchmark"_s);
    cli.addHelpOption();
    const QCommandLineOption tapsOpt(u"taps"_s, u"Taps in the tap run (default 1000)."_s, u"n"_s, u"1000"_s);
    const QCommandLineOption coldOpt(u"cold-starts"_s, u"Cold starts to time (default 5)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption kioskOpt(u"kiosk"_s, u"tapledger-kiosk binary."_s, u"path"_s,
                                      QStringLiteral(TAPLEDGER_KIOSK_BINARY));
    cli.addOptions({tapsOpt, coldOpt, kioskOpt});
    cli.process(app);
    const int taps = cli.value(tapsOpt).toInt();
    const int coldStarts = cli.value(coldOpt).toInt();
    const QString kiosk = cli.value(kioskOpt);

    QTemporaryDir scratch;
    const QString data = scratch.path() + u"/data"_s;
    // The first start seeds the demo data dir (members, history, card images): not a cold start.
    QElapsedTimer seedClock;
    seedClock.start();
    if (!runKiosk(kiosk, {u"--bench-taps"_s, u"0"_s, u"--data"_s, data}, 120000).ok)
        return 1;
    std::printf("bench_kiosk: demo data seeded in %lld ms (first start, not counted)\n",
                static_cast<long long>(seedClock.elapsed()));

    std::vector<double> wall;
    std::vector<double> inProcess;
    for (int i = 0; i < coldStarts; ++i) {
        Run run = runKiosk(kiosk, {u"--bench-taps"_s, u"0"_s, u"--data"_s, data}, 60000);
        if (!run.ok)
            return 1;
        wall.push_back(run.firstLineMs);
        const qsizetype at = run.output.indexOf("first frame after ");
        inProcess.push_back(run.output.mid(at + 18).split(' ').value(0).toDouble());
    }
    if (coldStarts > 0)
        std::printf("bench_kiosk: cold start to attract screen (first frame), %d runs: median %.0f ms from spawn, "
                    "%.0f ms from main(); max %.0f ms\n",
                    coldStarts, median(wall), median(inProcess), *std::max_element(wall.begin(), wall.end()));

    if (taps > 0) {
        Run run = runKiosk(kiosk, {u"--bench-taps"_s, QString::number(taps), u"--data"_s, data}, 60000 + taps * 1000);
        if (!run.ok)
            return 1;
        for (const QByteArray &line : run.output.split('\n'))
            if (line.contains("bench:"))
                std::printf("bench_kiosk: %s\n", line.mid(line.indexOf("bench:") + 7).constData());
    }
    std::fflush(stdout);
    return 0;
}

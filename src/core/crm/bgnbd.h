#pragma once

#include "core/result.h"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace tapledger::crm {

/// One customer's BG/NBD summary (Fader, Hardie & Lee 2005; docs/crm.md, "Liveness: BG/NBD").
/// Units are the caller's (days at HQ); 0 <= tx <= T, x = 0 ⇒ tx = 0.
struct BgNbdObservation
{
    double x = 0;   ///< repeat purchases (visits − 1), an integer >= 0
    double tx = 0;  ///< time of the last purchase since the first
    double T = 0;   ///< time from the first purchase to the end of observation, > 0
    friend bool operator==(const BgNbdObservation &, const BgNbdObservation &) = default;
};

/// The four BG/NBD parameters, each > 0: purchase rates λ ~ Gamma(r, α) (α in the time unit),
/// dropout probabilities p ~ Beta(a, b).
struct BgNbdParams
{
    double r = 1, alpha = 1, a = 1, b = 1;
};

/// A maximum-likelihood fit.
struct BgNbdFit
{
    BgNbdParams params;
    double logLikelihood = 0; ///< Σ ln L at params (natural log)
    size_t iterations = 0;    ///< simplex iterations over both runs
};

/// How a fit runs (docs/crm.md, "Benchmark" for the figures).
struct BgNbdFitOptions
{
    /// Start from these parameters (yesterday's optimum) with simplex steps of warmStep instead of
    /// the cold start (r = a = b = 1, α = mean T, step 1 then 0.1). nullopt = cold start.
    std::optional<BgNbdParams> warmStart;
    double warmStep = 0.05;   ///< simplex step on the log-parameters for a warm start, > 0
    /// Threads summing the likelihood (>= 1). The sum is split into this many fixed chunks, so a
    /// result depends on the thread count only through floating-point summation order. Below 8192
    /// distinct (x, tx, T) per thread the sum stays on one thread.
    unsigned threads = 1;
    /// Each simplex run stops when its size (on the log-parameters) is below this, or after 20000
    /// iterations. The default 1e-10 is below what the objective's rounding resolves, so a cold
    /// fit usually runs both caps; 1e-6 stops at the same optimum within about 1e-6 (the benchmark).
    double sizeTolerance = 1e-10;
};

/// One customer's predictions.
struct BgNbdPrediction
{
    double pAlive = 1;                ///< P(alive | x, tx, T)
    std::optional<double> expected;   ///< E[Y(t) | x, tx, T]; nullopt when GSL cannot evaluate it
};

/// The BG/NBD model: likelihood, fit and per-customer predictions. Special functions and the
/// optimiser are GSL's (gsl_sf_lngamma, gsl_sf_lnbeta, gsl_sf_hyperg_2F1, gsl_multimin).
/// While they run, GSL's process-wide error handler is off (a failed evaluation is a value outside
/// the domain, not an abort); do not run them beside other GSL users on other threads.
class BgNbd
{
public:
    /// ln L of one customer (FHL 2005 eq. 6); -inf or NaN for parameters outside the domain.
    static double logLikelihood(const BgNbdParams &params, const BgNbdObservation &obs);

    /// Maximises Σ ln L over @p customers with GSL's Nelder–Mead simplex on the log-parameters,
    /// restarted once from its optimum. InvalidArgument for fewer than 2 customers, an invalid
    /// observation, or no customer with a repeat purchase; Corrupt when the simplex does not
    /// converge to a finite likelihood.
    /// @p options: warm start and threads (defaults: cold start, one thread).
    static Result<BgNbdFit> fit(std::span<const BgNbdObservation> customers, const BgNbdFitOptions &options = {});

    /// P(alive | x, tx, T) (FHL 2005 eq. 11); 1 when x = 0.
    static double pAlive(const BgNbdParams &params, const BgNbdObservation &obs);

    /// E[Y(t) | x, tx, T]: expected purchases in the next @p t time units (FHL 2005 eq. 10);
    /// nullopt when GSL cannot evaluate the hypergeometric function there.
    static std::optional<double> expectedPurchases(const BgNbdParams &params, const BgNbdObservation &obs, double t);

    /// pAlive() and expectedPurchases(@p t) of every customer, in input order, on @p threads (>= 1)
    /// threads; the same values as the one-customer functions whatever the thread count.
    static std::vector<BgNbdPrediction> predict(const BgNbdParams &params, std::span<const BgNbdObservation> customers,
                                                double t, unsigned threads = 1);
};

} // namespace tapledger::crm

#include "core/crm/bgnbd.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <tuple>
#include <vector>

namespace tapledger::crm {

namespace {
constexpr double kHuge = 1e300;
/// Fewer distinct customers per thread than this are summed on one thread: starting a team per
/// evaluation costs more than it saves (and the sum is then the one-thread sum).
constexpr size_t kMinPerThread = 8192;

/// GSL's default error handler aborts; the model treats a failed evaluation as a value outside
/// the domain instead, so the handler is off while GSL runs (restored after).
class GslErrorsOff
{
public:
    GslErrorsOff() : m_old(gsl_set_error_handler_off()) {}
    ~GslErrorsOff() { gsl_set_error_handler(m_old); }
    GslErrorsOff(const GslErrorsOff &) = delete;
    GslErrorsOff &operator=(const GslErrorsOff &) = delete;

private:
    gsl_error_handler_t *m_old;
};

double lnGamma(double x)
{
    gsl_sf_result r;
    return gsl_sf_lngamma_e(x, &r) == GSL_SUCCESS ? r.val : std::numeric_limits<double>::quiet_NaN();
}

double lnBeta(double x, double y)
{
    gsl_sf_result r;
    return gsl_sf_lnbeta_e(x, y, &r) == GSL_SUCCESS ? r.val : std::numeric_limits<double>::quiet_NaN();
}

/// ln(e^u + e^v) without overflow.
double logAddExp(double u, double v)
{
    const double hi = std::max(u, v), lo = std::min(u, v);
    return hi + std::log1p(std::exp(lo - hi));
}

/// The parts of ln L that depend on x only (not on t_x or T).
struct XTerms
{
    double lnA = 0;   ///< ln Γ(r+x) − ln Γ(r) + r ln α
    double c1 = 0;    ///< ln B(a, b+x) − ln B(a, b)
    double c2 = 0;    ///< ln B(a+1, b+x−1) − ln B(a, b), for x > 0
};

XTerms xTerms(const BgNbdParams &p, double x)
{
    const double lnBab = lnBeta(p.a, p.b);
    XTerms t;
    t.lnA = lnGamma(p.r + x) - lnGamma(p.r) + p.r * std::log(p.alpha);
    t.c1 = lnBeta(p.a, p.b + x) - lnBab;
    t.c2 = x > 0 ? lnBeta(p.a + 1, p.b + x - 1) - lnBab : 0.0;
    return t;
}

double logLikelihoodWith(const XTerms &t, const BgNbdParams &p, const BgNbdObservation &o)
{
    const double t1 = t.c1 - (p.r + o.x) * std::log(p.alpha + o.T);
    if (o.x <= 0)
        return t.lnA + t1;
    const double t2 = t.c2 - (p.r + o.x) * std::log(p.alpha + o.tx);
    return t.lnA + logAddExp(t1, t2);
}

double rawLogLikelihood(const BgNbdParams &p, const BgNbdObservation &o)
{
    return logLikelihoodWith(xTerms(p, o.x), p, o);
}

/// Customers with equal (x, tx, T) counted once, with their number as weight.
struct Weighted
{
    BgNbdObservation obs;
    double weight = 0;
};

struct Objective
{
    std::vector<Weighted> customers;
    double totalWeight = 0;
    unsigned threads = 1;
};

BgNbdParams fromLog(const gsl_vector *v)
{
    return {std::exp(gsl_vector_get(v, 0)), std::exp(gsl_vector_get(v, 1)), std::exp(gsl_vector_get(v, 2)),
            std::exp(gsl_vector_get(v, 3))};
}

/// Σ w ln L over customers [begin, end), sorted by x: the special functions are evaluated once per
/// distinct x.
double weightedSum(const BgNbdParams &p, const Weighted *begin, const Weighted *end)
{
    double sum = 0;
    XTerms terms;
    double termsX = -1;
    for (const Weighted *c = begin; c != end; ++c) {
        if (c->obs.x != termsX) {
            terms = xTerms(p, c->obs.x);
            termsX = c->obs.x;
        }
        sum += c->weight * logLikelihoodWith(terms, p, c->obs);
    }
    return sum;
}

/// −Σ w ln L / Σ w (the mean keeps the simplex tolerance independent of the customer count).
double negativeMeanLogLikelihood(const gsl_vector *v, void *data)
{
    const auto &objective = *static_cast<const Objective *>(data);
    for (size_t i = 0; i < 4; ++i) {
        if (std::abs(gsl_vector_get(v, i)) > 30) // e^30: far outside any sensible parameter
            return kHuge;
    }
    const BgNbdParams p = fromLog(v);
    const Weighted *first = objective.customers.data();
    const size_t n = objective.customers.size();
    double sum = 0;
    if (objective.threads <= 1 || n < kMinPerThread * objective.threads) {
        sum = weightedSum(p, first, first + n);
    } else {
        // Fixed chunks summed in chunk order: the value depends on the thread count, not on timing.
        const auto chunks = static_cast<std::ptrdiff_t>(objective.threads);
        std::vector<double> partial(objective.threads, 0.0);
#pragma omp parallel for num_threads(objective.threads) schedule(static, 1)
        for (std::ptrdiff_t k = 0; k < chunks; ++k) {
            const size_t lo = n * static_cast<size_t>(k) / objective.threads;
            const size_t hi = n * static_cast<size_t>(k + 1) / objective.threads;
            partial[static_cast<size_t>(k)] = weightedSum(p, first + lo, first + hi);
        }
        for (const double part : partial)
            sum += part;
    }
    return std::isfinite(sum) ? -sum / objective.totalWeight : kHuge;
}

struct MinimizerDeleter
{
    void operator()(gsl_multimin_fminimizer *m) const { gsl_multimin_fminimizer_free(m); }
};
struct VectorDeleter
{
    void operator()(gsl_vector *v) const { gsl_vector_free(v); }
};
using VectorPtr = std::unique_ptr<gsl_vector, VectorDeleter>;

/// One Nelder–Mead run from @p start with step @p step; the minimum's point and value.
std::pair<VectorPtr, double> simplex(Objective &objective, const gsl_vector *start, double step, double sizeTolerance,
                                     size_t &iterations)
{
    constexpr size_t kMaxIterations = 20000;
    gsl_multimin_function f{&negativeMeanLogLikelihood, 4, &objective};
    std::unique_ptr<gsl_multimin_fminimizer, MinimizerDeleter> m(
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 4));
    VectorPtr steps(gsl_vector_alloc(4));
    gsl_vector_set_all(steps.get(), step);
    gsl_multimin_fminimizer_set(m.get(), &f, start, steps.get());
    for (size_t i = 0; i < kMaxIterations; ++i) {
        ++iterations;
        if (gsl_multimin_fminimizer_iterate(m.get()) != GSL_SUCCESS)
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(m.get()), sizeTolerance) == GSL_SUCCESS)
            break;
    }
    VectorPtr best(gsl_vector_alloc(4));
    gsl_vector_memcpy(best.get(), gsl_multimin_fminimizer_x(m.get()));
    return {std::move(best), gsl_multimin_fminimizer_minimum(m.get())};
}
} // namespace

double BgNbd::logLikelihood(const BgNbdParams &params, const BgNbdObservation &obs)
{
    GslErrorsOff off;
    return rawLogLikelihood(params, obs);
}

Result<BgNbdFit> BgNbd::fit(std::span<const BgNbdObservation> customers, const BgNbdFitOptions &options)
{
    assert(options.threads >= 1 && options.warmStep > 0 && options.sizeTolerance > 0);
    if (customers.size() < 2)
        return fail(ErrorCode::InvalidArgument, "the BG/NBD model needs at least 2 customers");
    std::vector<std::tuple<double, double, double>> keys;
    keys.reserve(customers.size());
    bool anyRepeat = false;
    double meanT = 0;
    for (const BgNbdObservation &o : customers) {
        if (!(o.x >= 0 && o.tx >= 0 && o.T > 0 && o.tx <= o.T && (o.x > 0 || o.tx == 0) && std::floor(o.x) == o.x))
            return fail(ErrorCode::InvalidArgument, "invalid BG/NBD observation (x, t_x, T) = (" + std::to_string(o.x) +
                                                        ", " + std::to_string(o.tx) + ", " + std::to_string(o.T) + ")");
        anyRepeat = anyRepeat || o.x > 0;
        keys.emplace_back(o.x, o.tx, o.T);
        meanT += o.T;
    }
    if (!anyRepeat)
        return fail(ErrorCode::InvalidArgument, "no customer has a repeat purchase: the BG/NBD likelihood has no maximum");
    meanT /= static_cast<double>(customers.size());

    Objective objective;
    objective.totalWeight = static_cast<double>(customers.size());
    objective.threads = options.threads;
    // Sorted (x, tx, T) with their counts: the order of a std::map of the keys, built faster.
    std::sort(keys.begin(), keys.end());
    for (size_t i = 0; i < keys.size();) {
        size_t j = i + 1;
        while (j < keys.size() && keys[j] == keys[i])
            ++j;
        objective.customers.push_back({{std::get<0>(keys[i]), std::get<1>(keys[i]), std::get<2>(keys[i])},
                                       static_cast<double>(j - i)});
        i = j;
    }
    keys = {};

    GslErrorsOff off;
    BgNbdFit out;
    std::pair<VectorPtr, double> first, second;
    if (options.warmStart) {
        const BgNbdParams &w = *options.warmStart;
        if (!(w.r > 0 && w.alpha > 0 && w.a > 0 && w.b > 0))
            return fail(ErrorCode::InvalidArgument, "the BG/NBD warm start needs positive parameters");
        VectorPtr start(gsl_vector_alloc(4));
        gsl_vector_set(start.get(), 0, std::log(w.r));
        gsl_vector_set(start.get(), 1, std::log(w.alpha));
        gsl_vector_set(start.get(), 2, std::log(w.a));
        gsl_vector_set(start.get(), 3, std::log(w.b));
        first = simplex(objective, start.get(), options.warmStep, options.sizeTolerance, out.iterations);
        second = simplex(objective, first.first.get(), options.warmStep, options.sizeTolerance, out.iterations);
    } else {
    // Start at r = a = b = 1 and α = the mean observation length (the scale of the rates).
    VectorPtr start(gsl_vector_alloc(4));
    gsl_vector_set(start.get(), 0, 0.0);
    gsl_vector_set(start.get(), 1, std::log(meanT));
    gsl_vector_set(start.get(), 2, 0.0);
    gsl_vector_set(start.get(), 3, 0.0);
    first = simplex(objective, start.get(), 1.0, options.sizeTolerance, out.iterations);
    // A simplex can collapse before the optimum; a fresh, smaller one from there checks it.
    second = simplex(objective, first.first.get(), 0.1, options.sizeTolerance, out.iterations);
    }
    const double firstValue = first.second, secondValue = second.second;
    const bool secondBetter = secondValue <= firstValue;
    const double value = secondBetter ? secondValue : firstValue;
    if (!std::isfinite(value) || value >= kHuge)
        return fail(ErrorCode::Corrupt, "the BG/NBD fit found no finite likelihood");
    out.params = fromLog(secondBetter ? second.first.get() : first.first.get());
    out.logLikelihood = -value * objective.totalWeight;
    return out;
}

double BgNbd::pAlive(const BgNbdParams &p, const BgNbdObservation &o)
{
    if (o.x <= 0)
        return 1.0;
    const double odds = p.a / (p.b + o.x - 1) * std::pow((p.alpha + o.T) / (p.alpha + o.tx), p.r + o.x);
    return 1.0 / (1.0 + odds);
}

namespace {
/// expectedPurchases() with GSL's error handler already off.
std::optional<double> rawExpectedPurchases(const BgNbdParams &p, const BgNbdObservation &o, double t)
{
    const double z = t / (p.alpha + o.T + t);
    gsl_sf_result h;
    if (gsl_sf_hyperg_2F1_e(p.r + o.x, p.b + o.x, p.a + p.b + o.x - 1, z, &h) != GSL_SUCCESS)
        return std::nullopt;
    const double head = (p.a + p.b + o.x - 1) / (p.a - 1);
    const double body = 1 - std::pow((p.alpha + o.T) / (p.alpha + o.T + t), p.r + o.x) * h.val;
    const double denominator =
        1 + (o.x > 0 ? p.a / (p.b + o.x - 1) * std::pow((p.alpha + o.T) / (p.alpha + o.tx), p.r + o.x) : 0.0);
    const double e = head * body / denominator;
    if (!std::isfinite(e))
        return std::nullopt;
    return e;
}

} // namespace

std::optional<double> BgNbd::expectedPurchases(const BgNbdParams &p, const BgNbdObservation &o, double t)
{
    GslErrorsOff off;
    return rawExpectedPurchases(p, o, t);
}

std::vector<BgNbdPrediction> BgNbd::predict(const BgNbdParams &p, std::span<const BgNbdObservation> customers, double t,
                                            unsigned threads)
{
    assert(threads >= 1);
    std::vector<BgNbdPrediction> out(customers.size());
    // The handler is set once here: GSL's handler is process-wide, the threads only read it.
    GslErrorsOff off;
    const auto n = static_cast<std::ptrdiff_t>(customers.size());
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        const auto k = static_cast<size_t>(i);
        out[k] = {pAlive(p, customers[k]), rawExpectedPurchases(p, customers[k], t)};
    }
    return out;
}

} // namespace tapledger::crm

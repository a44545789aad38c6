// BG/NBD (Fader, Hardie & Lee 2005): closed forms, the paper's CDNOW values, and parameters
// recovered from synthetic customers drawn from known ones (docs/crm.md, "Liveness: BG/NBD").
#include "core/crm/bgnbd.h"

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

namespace tapledger::crm {
namespace {

// CDNOW (FHL 2005 section 5), time in weeks.
const BgNbdParams kCdnow{0.243, 4.414, 0.793, 2.426};

TEST(BgNbd, NoRepeatPurchaseIsAliveAndHasTheClosedFormLikelihood)
{
    for (const double T : {0.5, 10.0, 38.86, 400.0}) {
        const BgNbdObservation o{0, 0, T};
        EXPECT_EQ(BgNbd::pAlive(kCdnow, o), 1.0);
        // x = 0: L = (α / (α + T))^r, the NBD probability of no purchase in (0, T].
        EXPECT_NEAR(BgNbd::logLikelihood(kCdnow, o), kCdnow.r * std::log(kCdnow.alpha / (kCdnow.alpha + T)), 1e-12) << T;
    }
}

TEST(BgNbd, PAliveClosedFormWhenTheLastPurchaseIsAtTheEnd)
{
    // t_x = T: ((α+T)/(α+t_x))^(r+x) = 1, so P(alive) = 1 / (1 + a / (b + x − 1)).
    for (const double x : {1.0, 2.0, 7.0}) {
        const BgNbdObservation o{x, 20, 20};
        EXPECT_NEAR(BgNbd::pAlive(kCdnow, o), 1.0 / (1.0 + kCdnow.a / (kCdnow.b + x - 1)), 1e-15) << x;
    }
}

struct KnownAnswer
{
    BgNbdObservation obs;
    double pAlive, expected39, logLikelihood; // mpmath, 30 digits (docs/crm.md)
};

TEST(BgNbd, CdnowKnownAnswers)
{
    // The first is the paper's example: 1.226 expected purchases in the next 39 weeks.
    const KnownAnswer cases[] = {
        {{2, 30.43, 38.86}, 0.726578570080672910677, 1.22602817476714444629, -9.45860630706627124509},
        {{0, 0, 38.86}, 1.0, 0.195098052011262638685, -0.554713276438158451083},
        {{7, 35.14, 38.86}, 0.847123484158698217418, 4.40493688122052485886, -22.1409140373188416865},
        {{1, 2, 40}, 0.216340989367814709858, 0.202613825990899143731, -4.52120799371985810737},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(testing::Message() << "x=" << c.obs.x << " t_x=" << c.obs.tx << " T=" << c.obs.T);
        EXPECT_NEAR(BgNbd::pAlive(kCdnow, c.obs), c.pAlive, 1e-12);
        auto e = BgNbd::expectedPurchases(kCdnow, c.obs, 39);
        ASSERT_TRUE(e.has_value());
        EXPECT_NEAR(*e, c.expected39, 1e-9);
        EXPECT_NEAR(BgNbd::logLikelihood(kCdnow, c.obs), c.logLikelihood, 1e-10);
    }
    EXPECT_NEAR(*BgNbd::expectedPurchases(kCdnow, {2, 30.43, 38.86}, 39), 1.226, 5e-4); // as published
}

TEST(BgNbd, FitRefusesWhatHasNoMaximum)
{
    const std::vector<BgNbdObservation> one{{1, 5, 10}};
    EXPECT_EQ(BgNbd::fit(one).error().code, ErrorCode::InvalidArgument);
    const std::vector<BgNbdObservation> noRepeat{{0, 0, 10}, {0, 0, 20}, {0, 0, 30}};
    EXPECT_EQ(BgNbd::fit(noRepeat).error().code, ErrorCode::InvalidArgument);
    for (const BgNbdObservation bad : {BgNbdObservation{1, 11, 10}, BgNbdObservation{-1, 0, 10},
                                       BgNbdObservation{0, 3, 10}, BgNbdObservation{1.5, 3, 10},
                                       BgNbdObservation{1, 0, 0}}) {
        const std::vector<BgNbdObservation> data{{2, 5, 10}, bad};
        EXPECT_EQ(BgNbd::fit(data).error().code, ErrorCode::InvalidArgument) << bad.x << " " << bad.tx << " " << bad.T;
    }
}

struct RngDeleter
{
    void operator()(gsl_rng *r) const { gsl_rng_free(r); }
};

/// One customer of the BG/NBD story: first purchase at 0, repeat purchases at rate λ, and after
/// each repeat purchase a dropout with probability p; observed for T.
BgNbdObservation drawCustomer(gsl_rng *rng, const BgNbdParams &p, double T)
{
    const double lambda = gsl_ran_gamma(rng, p.r, 1.0 / p.alpha);
    const double dropout = gsl_ran_beta(rng, p.a, p.b);
    BgNbdObservation o{0, 0, T};
    double t = 0;
    for (;;) {
        t += gsl_ran_exponential(rng, 1.0 / lambda);
        if (t > T)
            break;
        o.x += 1;
        o.tx = t;
        if (gsl_rng_uniform(rng) < dropout)
            break;
    }
    return o;
}

double totalLogLikelihood(const std::vector<BgNbdObservation> &data, const double logParams[4])
{
    const BgNbdParams p{std::exp(logParams[0]), std::exp(logParams[1]), std::exp(logParams[2]), std::exp(logParams[3])};
    double sum = 0;
    for (const auto &o : data)
        sum += BgNbd::logLikelihood(p, o);
    return sum;
}

/// Standard errors of the log-parameters at @p logParams: the square roots of the diagonal of the
/// inverse observed information (−Hessian of Σ ln L, by central differences).
std::array<double, 4> standardErrors(const std::vector<BgNbdObservation> &data, const double logParams[4])
{
    constexpr double h = 1e-3;
    std::unique_ptr<gsl_matrix, decltype(&gsl_matrix_free)> info(gsl_matrix_alloc(4, 4), gsl_matrix_free);
    for (size_t i = 0; i < 4; ++i) {
        for (size_t j = 0; j < 4; ++j) {
            double v[4];
            auto at = [&](double di, double dj) {
                std::copy(logParams, logParams + 4, v);
                v[i] += di;
                v[j] += dj;
                return totalLogLikelihood(data, v);
            };
            const double d2 = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
            gsl_matrix_set(info.get(), i, j, -d2);
        }
    }
    std::unique_ptr<gsl_permutation, decltype(&gsl_permutation_free)> perm(gsl_permutation_alloc(4), gsl_permutation_free);
    std::unique_ptr<gsl_matrix, decltype(&gsl_matrix_free)> inverse(gsl_matrix_alloc(4, 4), gsl_matrix_free);
    int sign = 0;
    gsl_linalg_LU_decomp(info.get(), perm.get(), &sign);
    gsl_linalg_LU_invert(info.get(), perm.get(), inverse.get());
    std::array<double, 4> se{};
    for (size_t i = 0; i < 4; ++i)
        se[i] = std::sqrt(gsl_matrix_get(inverse.get(), i, i));
    return se;
}

TEST(BgNbd, RecoversTheParametersOfSyntheticCustomers)
{
    // Days: mean purchase rate r/α = 0.015 a day (about 5 a year), mean dropout a/(a+b) = 0.24.
    const BgNbdParams truth{0.6, 40.0, 0.8, 2.5};
    constexpr unsigned long kSeed = 20261203;
    constexpr int kCustomers = 4000;
    std::printf("synthetic BG/NBD customers: gsl mt19937 seed %lu, %d customers\n", kSeed, kCustomers);
    std::unique_ptr<gsl_rng, RngDeleter> rng(gsl_rng_alloc(gsl_rng_mt19937));
    gsl_rng_set(rng.get(), kSeed);
    std::vector<BgNbdObservation> data;
    for (int i = 0; i < kCustomers; ++i)
        data.push_back(drawCustomer(rng.get(), truth, 180.0 + std::floor(gsl_rng_uniform(rng.get()) * 541.0) + 0.5));

    auto fit = BgNbd::fit(data);
    ASSERT_TRUE(fit) << fit.error().message;
    const double est[4] = {std::log(fit->params.r), std::log(fit->params.alpha), std::log(fit->params.a),
                           std::log(fit->params.b)};
    const double real[4] = {std::log(truth.r), std::log(truth.alpha), std::log(truth.a), std::log(truth.b)};
    // The fit is a maximum: no coordinate step improves it.
    const double best = totalLogLikelihood(data, est);
    EXPECT_NEAR(best, fit->logLikelihood, 1e-6 * std::abs(best));
    for (size_t i = 0; i < 4; ++i) {
        for (const double step : {-1e-3, 1e-3}) {
            double v[4];
            std::copy(est, est + 4, v);
            v[i] += step;
            EXPECT_LE(totalLogLikelihood(data, v), best + 1e-9) << "parameter " << i;
        }
    }
    // Recovery: the maximum-likelihood estimate is asymptotically normal around the truth with
    // the inverse observed information as covariance, so each log-parameter lies within 4
    // standard errors of the truth (a miss has probability ~6e-5 per parameter at this seed).
    const auto se = standardErrors(data, est);
    const char *names[] = {"r", "alpha", "a", "b"};
    for (size_t i = 0; i < 4; ++i) {
        std::printf("  %-5s true %.4f  fitted %.4f  (log se %.4f)\n", names[i], std::exp(real[i]), std::exp(est[i]), se[i]);
        EXPECT_TRUE(std::isfinite(se[i]) && se[i] > 0 && se[i] < 0.5) << names[i] << " se " << se[i];
        EXPECT_LT(std::abs(est[i] - real[i]), 4 * se[i]) << names[i];
    }
}

TEST(BgNbd, FitIsTheSameForRepeatedCustomers)
{
    // Equal observations are weighted once: the fit of a data set equals the fit of its
    // duplicate, and the log-likelihood doubles.
    const std::vector<BgNbdObservation> base{{0, 0, 30.5}, {2, 10, 40.5}, {5, 50, 60.5}, {1, 3, 90.5}, {0, 0, 12.5},
                                             {3, 20, 25.5}, {7, 70, 80.5}, {1, 1, 100.5}};
    std::vector<BgNbdObservation> doubled = base;
    doubled.insert(doubled.end(), base.begin(), base.end());
    auto a = BgNbd::fit(base);
    auto b = BgNbd::fit(doubled);
    ASSERT_TRUE(a && b);
    EXPECT_NEAR(b->logLikelihood, 2 * a->logLikelihood, 1e-6 * std::abs(a->logLikelihood));
    EXPECT_NEAR(std::log(a->params.r), std::log(b->params.r), 1e-3);
    EXPECT_NEAR(std::log(a->params.alpha), std::log(b->params.alpha), 1e-3);
}

} // namespace
} // namespace tapledger::crm

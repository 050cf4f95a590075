package dev.parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The output: a table per step (added latency against the direct baseline of the same step, as the median
 * of the windows with their min–max spread), the targets of issue 12 marked met or not, and one JSON line.
 */
final class Report {

    /** A statistic over the windows of a phase. */
    record Spread(double median, double min, double max) {
        static Spread of(double[] values) {
            double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            return new Spread(sorted[(sorted.length - 1) / 2], sorted[0], sorted[sorted.length - 1]);
        }

        String text() {
            return min == max || Double.isNaN(median) ? num(median) : num(median) + " (" + num(min) + "–" + num(max) + ")";
        }

        String json() {
            return "{\"median\":" + jnum(median) + ",\"min\":" + jnum(min) + ",\"max\":" + jnum(max) + "}";
        }
    }

    /** Above this p99 pacing lag the generator itself is starved and a row is not to be trusted. */
    static final double GENERATOR_LAG_MS = 5;

    private static final String[] Q_NAMES = {"p50", "p99", "p999"};

    private Report() {
    }

    /** Raw latency quantile per window. */
    static double[] raw(List<Phase.Window> windows, int q) {
        return windows.stream().mapToDouble(quantile(q)).toArray();
    }

    private static ToDoubleFunction<Phase.Window> quantile(int q) {
        return switch (q) {
            case 0 -> Phase.Window::p50;
            case 1 -> Phase.Window::p99;
            default -> Phase.Window::p999;
        };
    }

    /** Added latency per window: the target's quantile minus the median of the direct baseline's. */
    static Spread added(Phase.Result target, Phase.Result direct, boolean input, int q) {
        List<Phase.Window> mine = input ? target.input() : target.output();
        double[] values = raw(mine, q);
        if (direct != null) {
            double base = Spread.of(raw(input ? direct.input() : direct.output(), q)).median;
            for (int i = 0; i < values.length; i++) {
                values[i] -= base;
            }
        }
        return Spread.of(values);
    }

    static Spread cpuPercent(Phase.Result r, boolean server) {
        long[] cpu = server ? r.serverCpuMillis() : r.generatorCpuMillis();
        return Spread.of(Arrays.stream(cpu).mapToDouble(c -> c < 0 ? Double.NaN : 100.0 * c / (r.windowSeconds() * 1000)).toArray());
    }

    /** Server CPU time per relayed frame (both directions, frames that arrived), in microseconds. */
    static Spread cpuPerFrame(Phase.Result r) {
        double[] values = new double[r.serverCpuMillis().length];
        for (int w = 0; w < values.length; w++) {
            long frames = r.input().get(w).received() + r.output().get(w).received();
            values[w] = r.serverCpuMillis()[w] < 0 || frames == 0 ? Double.NaN : r.serverCpuMillis()[w] * 1000.0 / frames;
        }
        return Spread.of(values);
    }

    static long lost(List<Phase.Window> windows) {
        return windows.stream().mapToLong(Phase.Window::lost).sum();
    }

    static long late(List<Phase.Window> windows) {
        return windows.stream().mapToLong(Phase.Window::late).sum();
    }

    static long expected(List<Phase.Window> windows) {
        return windows.stream().mapToLong(Phase.Window::expected).sum();
    }

    static void printStep(int n, List<Phase.Result> results, Options options) {
        Phase.Result direct = find(results, "direct");
        long expected = Math.round(n * Frames.PER_SECOND * options.windowSeconds);
        System.out.printf(Locale.ROOT, "%n== %d conversation%s: %d windows x %.1f s, %d frames expected per direction per window."
                + " Latency in ms, added = target minus direct; median of the windows (min-max)%n",
                n, n == 1 ? "" : "s", options.windows, options.windowSeconds, expected);
        System.out.printf(Locale.ROOT, "%-15s | %-44s | %-44s | %-15s | %-11s | %-18s | %-17s | %-8s | %-8s | %s%n",
                "target", "input  p50 / p99 / p99.9", "output p50 / p99 / p99.9", "lost in/out", "late in/out",
                "server CPU % (us/frame)", "gen CPU % lag p99", "heap KiB", "RSS KiB", "notes");
        for (Phase.Result r : results) {
            boolean isDirect = r.target().equals("direct");
            Phase.Result base = isDirect ? null : direct;
            String prefix = isDirect ? "" : "+";
            StringBuilder in = new StringBuilder();
            StringBuilder out = new StringBuilder();
            for (int q = 0; q < 3; q++) {
                in.append(q == 0 ? "" : " / ").append(prefix).append(added(r, base, true, q).text());
                out.append(q == 0 ? "" : " / ").append(prefix).append(added(r, base, false, q).text());
            }
            String cpu = isDirect ? "-" : cpuPercent(r, true).text() + " (" + num(cpuPerFrame(r).median()) + ")";
            List<String> notes = new ArrayList<>();
            if (isDirect) {
                notes.add("absolute latency");
            }
            if (!r.sustained() && !isDirect) {
                notes.add("NOT SUSTAINED");
            }
            double lag = Spread.of(r.pacerLagP99Ms()).median();
            if (lag > GENERATOR_LAG_MS) {
                notes.add("GENERATOR LAGGING (p99 " + num(lag) + " ms): this row measures the generator's machine, not the target");
            }
            if (r.setupFailed() > 0) {
                notes.add(r.setupFailed() + " setups failed: " + r.setupError());
            }
            if (r.errors() > 0) {
                notes.add(r.errors() + " errors, e.g. " + r.lastError());
            }
            if (r.serverDropped() > 0) {
                notes.add("server counted " + r.serverDropped() + " dropped");
            }
            if (r.generatorDropped() > 0) {
                notes.add(r.generatorDropped() + " frames not written (peer not reading)");
            }
            System.out.printf(Locale.ROOT, "%-15s | %-44s | %-44s | %-15s | %-11s | %-18s | %-17s | %-8s | %-8s | %s%n",
                    r.target(), in, out, lost(r.input()) + " / " + lost(r.output()),
                    late(r.input()) + " / " + late(r.output()), cpu,
                    cpuPercent(r, false).text() + " " + num(Spread.of(r.pacerLagP99Ms()).median()),
                    perConversation(r.heapPerConversationKiB()), perConversation(r.rssPerConversationKiB()), String.join("; ", notes));
        }
    }

    static Phase.Result find(List<Phase.Result> results, String target) {
        return results.stream().filter(r -> r.target().equals(target)).findFirst().orElse(null);
    }

    static String json(Options options, Map<Integer, List<Phase.Result>> steps, List<Targets.Verdict> verdicts,
            long parleyStartupMs, Samples handoffs) {
        StringBuilder json = new StringBuilder("{\"bench\":\"parley-relay\",\"schema\":2");
        json.append(",\"config\":{\"windowSeconds\":").append(jnum(options.windowSeconds)).append(",\"windows\":")
                .append(options.windows).append(",\"warmupSeconds\":").append(jnum(options.warmupSeconds))
                .append(",\"store\":\"").append(options.store).append("\",\"transcripts\":").append(options.transcripts)
                .append(",\"serverCpu\":").append(options.serverCpu == null ? "null" : "\"" + options.serverCpu + "\"").append('}');
        json.append(",\"parleyStartupMs\":").append(parleyStartupMs).append(",\"steps\":[");
        boolean firstStep = true;
        for (Map.Entry<Integer, List<Phase.Result>> step : steps.entrySet()) {
            json.append(firstStep ? "" : ",").append("{\"conversations\":").append(step.getKey()).append(",\"targets\":{");
            firstStep = false;
            Phase.Result direct = find(step.getValue(), "direct");
            boolean firstTarget = true;
            for (Phase.Result r : step.getValue()) {
                json.append(firstTarget ? "" : ",").append('"').append(r.target()).append("\":{");
                firstTarget = false;
                boolean isDirect = r.target().equals("direct");
                for (int d = 0; d < 2; d++) {
                    boolean input = d == 0;
                    json.append(d == 0 ? "" : ",").append('"').append(isDirect ? "" : "added").append(isDirect ? (input ? "inputMs" : "outputMs")
                            : (input ? "InputMs" : "OutputMs")).append("\":{");
                    for (int q = 0; q < 3; q++) {
                        json.append(q == 0 ? "" : ",").append('"').append(Q_NAMES[q]).append("\":")
                                .append(added(r, isDirect ? null : direct, input, q).json());
                    }
                    json.append('}');
                }
                json.append(",\"frames\":{\"expectedPerDirection\":").append(expected(r.input()))
                        .append(",\"lostInput\":").append(lost(r.input())).append(",\"lostOutput\":").append(lost(r.output()))
                        .append(",\"lateInput\":").append(late(r.input())).append(",\"lateOutput\":").append(late(r.output()))
                        .append(",\"serverDropped\":").append(r.serverDropped())
                        .append(",\"generatorDropped\":").append(r.generatorDropped()).append('}');
                json.append(",\"sustained\":").append(isDirect || r.sustained())
                        .append(",\"setupFailed\":").append(r.setupFailed()).append(",\"errors\":").append(r.errors())
                        .append(",\"serverCpuPercent\":").append(cpuPercent(r, true).json())
                        .append(",\"cpuMicrosPerFrame\":").append(cpuPerFrame(r).json())
                        .append(",\"generatorCpuPercent\":").append(cpuPercent(r, false).json())
                        .append(",\"generatorLagP99Ms\":").append(Spread.of(r.pacerLagP99Ms()).json())
                        .append(",\"heapKiBPerConversation\":").append(perConversationJson(r.heapPerConversationKiB()))
                        .append(",\"rssKiBPerConversation\":").append(perConversationJson(r.rssPerConversationKiB()))
                        .append(",\"rssMiB\":").append(r.rssMiB()).append(",\"threads\":").append(r.threads()).append('}');
            }
            json.append("}}");
        }
        json.append("],\"targets\":[");
        for (int i = 0; i < verdicts.size(); i++) {
            Targets.Verdict v = verdicts.get(i);
            json.append(i == 0 ? "" : ",").append("{\"target\":\"").append(v.name().replace("\"", "'"))
                    .append("\",\"met\":").append(v.met() == null ? "null" : v.met().toString())
                    .append(",\"measured\":\"").append(v.measured().replace("\"", "'")).append("\"}");
        }
        json.append(']');
        if (handoffs != null && handoffs.size() > 0) {
            json.append(",\"handoffToModelRequestMs\":{\"p50\":").append(jnum(handoffs.quantileMs(0.5)))
                    .append(",\"p99\":").append(jnum(handoffs.quantileMs(0.99))).append('}');
        }
        return json.append('}').toString();
    }

    private static String perConversation(long kib) {
        return kib == Phase.NOT_MEASURED ? "-" : Long.toString(kib);
    }

    private static String perConversationJson(long kib) {
        return kib == Phase.NOT_MEASURED ? "null" : Long.toString(kib);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    static String jnum(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }
}

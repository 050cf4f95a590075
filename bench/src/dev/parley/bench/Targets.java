package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The targets of issue 12, judged on the Parley notification form (the request form is reported alongside). */
final class Targets {

    /** One target: met (true/false, null when its step was not run) and what was measured. */
    record Verdict(String name, Boolean met, String measured) {
    }

    private Targets() {
    }

    static List<Verdict> evaluate(Options o, Map<Integer, List<Phase.Result>> steps) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(latency(o, steps, 100, o.targetP50, o.targetP99At100));
        verdicts.add(latency(o, steps, 300, Double.NaN, o.targetP99At300));
        Phase.Result at100 = result(steps, 100, "parley");
        String cpuName = String.format(Locale.ROOT, "CPU <= %s us per relayed frame at 100 conversations", Report.num(o.targetCpuMicros));
        if (at100 == null) {
            verdicts.add(new Verdict(cpuName, null, "not measured (no Parley step at 100)"));
        } else {
            double cpu = Report.cpuPerFrame(at100).median();
            verdicts.add(new Verdict(cpuName, cpu <= o.targetCpuMicros, Report.num(cpu) + " us/frame"));
        }
        double worstHeap = Double.NaN;
        int worstAt = 0;
        for (Map.Entry<Integer, List<Phase.Result>> step : steps.entrySet()) {
            Phase.Result r = Report.find(step.getValue(), "parley");
            if (r != null && r.heapPerConversationKiB() != Phase.NOT_MEASURED
                    && (Double.isNaN(worstHeap) || r.heapPerConversationKiB() > worstHeap)) {
                worstHeap = r.heapPerConversationKiB();
                worstAt = step.getKey();
            }
        }
        String heapName = String.format(Locale.ROOT, "<= %s KiB live heap per conversation", Report.num(o.targetHeapKiB));
        verdicts.add(Double.isNaN(worstHeap) ? new Verdict(heapName, null, "not measured (no Parley step with >= 10 conversations)")
                : worstHeap < 0 ? new Verdict(heapName, null, String.format(Locale.ROOT,
                        "below the noise (%.0f KiB): the heap shrank over the step; run more conversations", worstHeap))
                : new Verdict(heapName, worstHeap <= o.targetHeapKiB,
                        String.format(Locale.ROOT, "%.0f KiB (worst step: %d conversations)", worstHeap, worstAt)));
        verdicts.add(versus(steps, "node"));
        verdicts.add(versus(steps, "codex"));
        return verdicts;
    }

    private static Verdict latency(Options o, Map<Integer, List<Phase.Result>> steps, int n, double p50, double p99) {
        String name = String.format(Locale.ROOT, "%d conversations: added %sp99 <= %s ms each direction, no loss", n,
                Double.isNaN(p50) ? "" : "p50 <= " + Report.num(p50) + " ms and ", Report.num(p99));
        Phase.Result r = result(steps, n, "parley");
        Phase.Result direct = result(steps, n, "direct");
        if (r == null || direct == null) {
            return new Verdict(name, null, "not measured (no Parley and direct step at " + n + ")");
        }
        boolean met = r.lost() == 0 && r.serverDropped() <= 0 && r.setupFailed() == 0;
        StringBuilder measured = new StringBuilder();
        for (int d = 0; d < 2; d++) {
            boolean input = d == 0;
            double m50 = Report.added(r, direct, input, 0).median();
            double m99 = Report.added(r, direct, input, 1).median();
            met &= m99 <= p99 && (Double.isNaN(p50) || m50 <= p50);
            measured.append(input ? "in" : "; out").append(" p50 +").append(Report.num(m50)).append(" p99 +").append(Report.num(m99));
        }
        measured.append("; lost ").append(r.lost()).append(r.serverDropped() > 0 ? ", server dropped " + r.serverDropped() : "");
        return new Verdict(name, met, measured.toString());
    }

    /** Parley's added p99 below the peer's in both directions at every step both ran (a peer that lost frames loses). */
    private static Verdict versus(Map<Integer, List<Phase.Result>> steps, String peer) {
        String name = "Parley added p99 below " + (peer.equals("node") ? "the Node relay's" : "the Codex app-server's")
                + " at every step";
        List<String> measured = new ArrayList<>();
        Boolean met = null;
        for (Map.Entry<Integer, List<Phase.Result>> step : steps.entrySet()) {
            Phase.Result parley = Report.find(step.getValue(), "parley");
            Phase.Result other = Report.find(step.getValue(), peer);
            Phase.Result direct = Report.find(step.getValue(), "direct");
            if (parley == null || other == null) {
                continue;
            }
            boolean better;
            String line;
            if (parley.sustained() != other.sustained()) {
                better = parley.sustained();
                Phase.Result loser = better ? other : parley;
                line = String.format(Locale.ROOT, "%d: %s not sustained (lost %d, late %d)", step.getKey(),
                        better ? peer : "parley", loser.lost(), loser.late());
            } else {
                // both carried the step (or neither did): the lower loss wins, then the lower added p99
                StringBuilder text = new StringBuilder(step.getKey() + ":");
                if (!parley.sustained()) {
                    text.append(String.format(Locale.ROOT, " neither sustained (lost %d vs %d);", parley.lost(), other.lost()));
                }
                better = parley.lost() < other.lost();
                boolean lowerP99 = true;
                for (int d = 0; d < 2; d++) {
                    double mine = Report.added(parley, direct, d == 0, 1).median();
                    double theirs = Report.added(other, direct, d == 0, 1).median();
                    lowerP99 &= mine < theirs;
                    text.append(d == 0 ? " in " : ", out ").append(Report.num(mine)).append(" vs ").append(Report.num(theirs));
                }
                better |= parley.lost() == other.lost() && lowerP99;
                line = text.toString();
            }
            measured.add(line);
            met = (met == null || met) && better;
        }
        return new Verdict(name, met, measured.isEmpty() ? "not measured" : String.join("; ", measured));
    }

    private static Phase.Result result(Map<Integer, List<Phase.Result>> steps, int n, String target) {
        List<Phase.Result> results = steps.get(n);
        return results == null ? null : Report.find(results, target);
    }

    static void print(List<Verdict> verdicts) {
        System.out.printf("%n== Targets (issue 12; Parley with appendAudio notifications)%n");
        for (Verdict v : verdicts) {
            System.out.printf(Locale.ROOT, "%-9s | %-72s | %s%n", v.met() == null ? "n/a" : v.met() ? "met" : "NOT MET",
                    v.name(), v.measured());
        }
    }
}

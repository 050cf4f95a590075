package dev.parley.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pure parts of the simulator: speech detection, the agent trigger and reply planning. */
class SimulatorUnitTest {

    private static byte[] tone(int frames, int amplitude) {
        byte[] pcm = new byte[frames * SpeechDetector.FRAME_SAMPLES * 2];
        for (int i = 0; i < pcm.length / 2; i++) {
            short sample = (short) (amplitude * Math.sin(2 * Math.PI * 300 * i / 24_000.0));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return pcm;
    }

    @Test
    void speechDetectorReportsStartAndStopWithDuration() {
        SpeechDetector detector = new SpeechDetector();
        assertEquals(List.of(), detector.append(tone(10, 0)));
        assertEquals(List.of(new SpeechDetector.Change.Started(200)), detector.append(tone(30, 8_000)));
        assertEquals(List.of(), detector.append(tone(24, 0)));
        assertEquals(List.of(new SpeechDetector.Change.Stopped(800, 600)), detector.append(tone(1, 0)));
    }

    @Test
    void quietNoiseIsNotSpeechAndPartialFramesAccumulate() {
        SpeechDetector detector = new SpeechDetector();
        assertEquals(List.of(), detector.append(tone(50, 300)));
        byte[] loud = tone(1, 8_000);
        assertEquals(List.of(), detector.append(java.util.Arrays.copyOf(loud, 500)));
        assertThat(detector.append(java.util.Arrays.copyOfRange(loud, 500, loud.length))).hasSize(1);
    }

    @Test
    void agentTrigger() {
        assertEquals(Optional.of("check the build"), AgentTrigger.request("Agent: check the build"));
        assertEquals(Optional.of("Could you ask the agent to run tests?"),
                AgentTrigger.request("Could you ask the agent to run tests?"));
        assertEquals(Optional.empty(), AgentTrigger.request("what is the agent doing"));
    }

    @Test
    void replyPlanning() {
        assertEquals(new ReplyPlanner.Reply.Speak(ReplyPlanner.GREETING), ReplyPlanner.plan(List.of()));
        assertEquals(new ReplyPlanner.Reply.Speak("I heard: hello"),
                ReplyPlanner.plan(List.of(ReplyPlanner.userMessage("[USER] hello"))));
        assertEquals(new ReplyPlanner.Reply.CallAgent("fix it"),
                ReplyPlanner.plan(List.of(ReplyPlanner.userMessage("[USER] agent: fix it"))));
        assertEquals(new ReplyPlanner.Reply.Speak("working"),
                ReplyPlanner.plan(List.of(ReplyPlanner.userMessage("[BACKEND] working"))));
        assertEquals(new ReplyPlanner.Reply.Speak("one two"), ReplyPlanner.plan(List.of(
                new ReplyPlanner.Item.Backend("old"),
                new ReplyPlanner.Item.FunctionCall("c"),
                new ReplyPlanner.Item.Backend("one"),
                new ReplyPlanner.Item.Backend("two"),
                new ReplyPlanner.Item.FunctionOutput("Background agent finished."))));
        assertEquals(new ReplyPlanner.Reply.Speak("Background agent finished without producing a message."),
                ReplyPlanner.plan(List.of(new ReplyPlanner.Item.FunctionCall("c"),
                        new ReplyPlanner.Item.FunctionOutput("Background agent finished without producing a message."))));
        assertEquals(new ReplyPlanner.Reply.Silent(), ReplyPlanner.plan(List.of(
                new ReplyPlanner.Item.FunctionCall("c"), new ReplyPlanner.Item.FunctionOutput(""))));
    }

    @Test
    void responsesAnswerUnwrapsTheDelegationEnvelope() {
        assertEquals("a < b", SimulatedResponsesController.lastUserText(dev.parley.testsupport.JsonAssert.tree("""
                {"input":[{"role":"user","content":[{"type":"input_text","text":"first"}]},
                          {"role":"assistant","content":[{"type":"output_text","text":"x"}]},
                          {"role":"user","content":[{"type":"input_text","text":"<realtime_delegation>\\n  <input>a &lt; b</input>\\n</realtime_delegation>"}]}]}""")));
    }
}

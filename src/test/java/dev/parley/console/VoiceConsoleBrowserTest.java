package dev.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.console.SpeechWav.Segment;
import dev.parley.simulator.SimulatorScript;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The voice console end to end in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): Parley on a random port with the embedded
 * simulator, Chromium's fake microphone playing a WAV of speech-like bursts. The page's own DOM is the
 * oracle: transcripts, agent turns, the audio counters and the lifecycle pills. Skipped only when the
 * browser or its driver is not installed. Screenshots of every state go to {@code target/console-e2e/}.
 *
 * <p>The fake microphone loops an 8 s recording: utterance A (1 s), 1.8 s of silence, utterance B (1 s),
 * 4.2 s of silence. The simulator's transcripts are scripted so that A is a long request, answered in 3 s of
 * audio that B interrupts 1.3 s in (the barge-in), and B is short, answered in full before the next A.
 * Every cycle is another chance, so a slow machine delays the checks but does not fail them. The typed
 * text, agent and "say this" steps run with the microphone muted (the console then sends silence).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.realtime.api-key=", "parley.agent.api-key=", "OPENAI_API_KEY=", "parley.store.type=memory"})
@Timeout(600)
class VoiceConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("parley.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "console-e2e");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String LONG_REQUEST = "please tell me about the harbour at night and the ships that sail from it";
    private static final String SHORT_REQUEST = "thank you";
    private static final int SCRIPTED_CYCLES = 30;

    @LocalServerPort
    int port;

    @Autowired
    SimulatorScript script;

    @TempDir
    Path temp;

    private ChromeDriver driver;
    private WebDriverWait wait;
    private final long startNanos = System.nanoTime();

    @BeforeEach
    void openBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium or chromedriver not installed (apt-get install chromium chromium-driver); browser test skipped");
        Path wav = temp.resolve("speech.wav");
        SpeechWav.write(wav, List.of(Segment.speech(1.0), Segment.silence(1.8), Segment.speech(1.0),
                Segment.silence(4.2)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")),
                "--window-size=1280,1150", "--hide-scrollbars",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(temp.resolve("chromedriver.log").toFile())
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aSpokenConversationWithBargeInTypedTextAndAnAgentTurn() throws IOException {
        for (int i = 0; i < SCRIPTED_CYCLES; i++) {
            script.nextUtteranceTranscript(LONG_REQUEST);
            script.nextUtteranceTranscript(SHORT_REQUEST);
        }
        driver.get("http://127.0.0.1:" + port + "/");
        waitFor("#conn-state[data-state='connected']");
        assertThat(driver.findElement(By.id("start")).getAccessibleName()).contains("Start");
        assertThat(driver.findElement(By.id("stop")).getAccessibleName()).contains("Stop");
        screenshot("01-connected");

        driver.findElement(By.id("thread-name")).sendKeys("Browser test", Keys.ENTER);
        waitFor("#thread-list button[aria-pressed='true']");
        assertThat(driver.findElement(By.cssSelector("#thread-list button[aria-pressed='true']")).getText())
                .contains("Browser test");
        driver.findElement(By.id("start")).click();
        waitFor("#rt-state[data-state='running']");
        screenshot("02-running");

        // the simulator detected the first utterance and reported the scripted transcript
        WebElement user = waitFor("#transcript .line.user.final");
        assertThat(user.getText()).contains(LONG_REQUEST);
        assertThat(Integer.parseInt(driver.findElement(By.id("transcript")).getDomAttribute("data-speech-started")))
                .isPositive();
        screenshot("03-user-transcript");

        // a 3 s answer played until the next utterance barged in: playback stopped, the queue was cut
        waitUntil("a barge-in", () -> counter("count-barge-ins") >= 1);
        WebElement interrupted = waitFor("#transcript .line.assistant.interrupted");
        assertThat(interrupted.getText()).contains("I heard:");
        assertThat(counter("count-played")).as("frames played before the barge-in").isPositive();
        assertThat(counter("count-cut")).as("queued frames cut by the barge-in").isPositive();
        assertThat(driver.findElement(By.cssSelector("#transcript .event.warn")).getText()).contains("Barge-in");
        screenshot("04-barge-in");

        // the short utterance is answered in full
        waitUntil("the answer to the short utterance", () -> finalAssistantLines().stream()
                .anyMatch(text -> text.contains("I heard: " + SHORT_REQUEST)));
        assertThat(counter("count-sent")).as("microphone frames sent").isGreaterThan(100);
        screenshot("05-short-answer");
        // no turn has run yet: only the live thread/realtime/item/completed notifications reload the history
        waitFor("#history .tl-session.start");
        waitFor("#history .tl-frame.assistant");

        WebElement mute = driver.findElement(By.id("mute"));
        assertThat(mute.getAccessibleName()).contains("Mute");
        mute.click();
        waitFor("#mute[aria-pressed='true']");

        // typed text gets an answer
        send("text-input", "what is the weather like");
        waitUntil("the answer to typed text", () -> finalAssistantLines().stream()
                .anyMatch(text -> text.contains("I heard: what is the weather like")));
        screenshot("06-typed-text");

        // "agent: …" hands off: the agent turn streams its answer, and the voice model speaks it
        send("text-input", "agent: book a table for two");
        waitFor("#transcript .handoff");
        WebElement agentMessage = waitFor("#transcript .turn .agent-message.final");
        assertThat(agentMessage.getText()).contains("Working on it: book a table for two");
        assertThat(driver.findElement(By.cssSelector("#transcript .turn .turn-input")).getText())
                .containsIgnoringCase("started by voice").contains("book a table for two");
        waitFor("#transcript .turn .status[data-status='completed']");
        waitUntil("the spoken agent answer", () -> finalAssistantLines().stream()
                .anyMatch(text -> text.contains("Working on it: book a table for two")));
        driver.executeScript("document.activeElement.blur(); window.scrollTo(0, 0); const log = document.getElementById('transcript');"
                + " log.scrollTop = log.scrollHeight;");
        screenshot("07-agent-turn"); // the README's screenshot (docs/voice-console.png)

        // "say this" makes the voice model speak the text
        send("speech-input", "Your table is booked for eight.");
        waitUntil("the spoken text", () -> finalAssistantLines().stream()
                .anyMatch(text -> text.contains("Your table is booked for eight.")));
        driver.findElement(By.id("show-raw")).click();
        waitFor("#transcript[data-raw='on'] .raw");
        screenshot("08-raw-items");
        driver.findElement(By.id("show-raw")).click();

        driver.findElement(By.id("stop")).click();
        waitFor("#rt-state[data-state='idle']");
        assertThat(waitFor("#closed-reason").getText()).isEqualTo("Closed: requested");
        // the past conversation, read back with thread/read and thread/realtime/list: the agent turn, and the
        // voice timeline beside it: the session's start and end, the transcript frames of both roles, and the
        // handoff linked to the turn it started, which follows it. The history may re-render while it
        // settles, so each check reads the whole list at once.
        waitUntil("the thread history with its voice timeline", () -> historyProblems().isEmpty());
        screenshot("09-stopped");
        driver.executeScript("document.getElementById('history').scrollIntoView();"
                + " document.querySelector('#history .tl-handoff').scrollIntoView({block: 'center'})");
        waitUntil("the handoff's link followed to its turn", () -> (Boolean) driver.executeScript(
                "const handoff = document.querySelector('#history .tl-handoff[data-mode=\"start\"]');"
                + " if (location.hash !== '#turn-' + handoff.dataset.turnId) handoff.querySelector('a.turn-link').click();"
                + " return location.hash === '#turn-' + handoff.dataset.turnId"
                + " && document.getElementById('turn-' + handoff.dataset.turnId) !== null;"));
        screenshot("10-timeline");

        driver.manage().window().setSize(new Dimension(360, 900));
        waitUntil("a 360 px layout", () -> ((Number) driver.executeScript("return window.innerWidth")).intValue() <= 360);
        Object overflow = driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow at 360 px").isLessThanOrEqualTo(0);
        screenshot("11-narrow");
        driver.executeScript("document.getElementById('transcript').scrollIntoView()");
        screenshot("12-narrow-live");

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertThat(errors).as("browser console warnings and errors").isEmpty();
    }

    private void send(String inputId, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id(inputId)));
        input.sendKeys(text, Keys.ENTER);
    }

    private WebElement waitFor(String css) {
        return wait.withMessage(() -> "waiting for " + css + "; page log:\n" + transcriptText())
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        wait.withMessage(() -> "waiting for " + what + "; page log:\n" + transcriptText())
                .until(d -> condition.getAsBoolean());
    }

    /** What the thread history still lacks (empty when it shows the conversation), read in one script. */
    @SuppressWarnings("unchecked")
    private List<String> historyProblems() {
        return (List<String>) driver.executeScript("""
                const problems = [];
                const items = [...document.querySelectorAll('#history .history-list > li')];
                const text = (el) => el ? el.textContent : '';
                const start = document.querySelector('#history .tl-session.start');
                const end = document.querySelector('#history .tl-session.end[data-outcome="ended"]');
                if (!start || !end || items.indexOf(start) > items.indexOf(end)) problems.push('session start before end');
                const frames = (role) => [...document.querySelectorAll('#history .tl-frame.' + role)].map(text);
                if (!frames('user').some((t) => t.includes(arguments[0]))) problems.push('user frame');
                if (!frames('assistant').some((t) => t.includes('I heard: ' + arguments[1]))) problems.push('assistant frame');
                const handoff = document.querySelector('#history .tl-handoff[data-mode="start"]');
                if (!handoff || !/handoff started/i.test(text(handoff)) || !text(handoff).includes('book a table for two')) {
                  problems.push('handoff');
                  return problems;
                }
                const turnId = handoff.dataset.turnId;
                const link = handoff.querySelector('a.turn-link');
                if (!link || link.getAttribute('href') !== '#turn-' + turnId) problems.push('link to the turn');
                const turn = document.getElementById('turn-' + turnId);
                if (!turn || !text(turn.querySelector('.agent-message')).includes('Working on it: book a table for two')) problems.push('agent turn');
                if (turn && handoff.nextElementSibling !== turn) problems.push('turn after its handoff');
                return problems;
                """, LONG_REQUEST, SHORT_REQUEST);
    }

    private List<String> finalAssistantLines() {
        return driver.findElements(By.cssSelector("#transcript .line.assistant.final")).stream()
                .map(WebElement::getText).toList();
    }

    private int counter(String id) {
        return Integer.parseInt(driver.findElement(By.id(id)).getText().strip());
    }

    private String transcriptText() {
        try {
            return driver.findElement(By.id("transcript")).getText() + "\ncounters: "
                    + driver.findElement(By.cssSelector(".counters")).getText().replace('\n', ' ');
        } catch (RuntimeException e) {
            return "(page not readable: " + e.getMessage() + ")";
        }
    }

    private void screenshot(String name) throws IOException {
        System.out.printf("console e2e: %-18s at %5.1f s%n", name, (System.nanoTime() - startNanos) / 1e9);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

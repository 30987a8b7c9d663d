package eu.interlink.jvm.api.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the wire format's readers either read a request or refuse it with a
 * {@link WireFormatException} whose message is one line: never another exception, never a stack overflow.
 */
class WireFormatFuzzTest {

    private static final WireFormat WIRE = new WireFormat();
    private static final byte[] VALID_CREATE = Fixtures.bytes("create-0.6-object.json");
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "null", "true", "false",
            "0", "-1", "1e999999", "0.5", "\"pod\"", "\"metadata\"", "\"uid\"", "\"name\"", "\"spec\"", "\"containers\"",
            "\"x\"", "\"\\u0000\"", "\"\\ud800\"", " ", "\n", "\u00e9", "\uffff", "/*", "//", "'", "NaN", "\\");

    @Property(tries = 1000)
    void arbitraryBytesAreReadOrRefusedWithOneLine(@ForAll @Size(max = 300) byte[] body) {
        assertEveryReaderReadsOrRefuses(body);
    }

    @Property(tries = 1000)
    void bytesThatLookLikeUtf32AreReadOrRefusedWithOneLine(@ForAll("utf32Like") byte[] body) {
        assertEveryReaderReadsOrRefuses(body);
    }

    @Property(tries = 1000)
    void jsonLikeTextIsReadOrRefusedWithOneLine(@ForAll("jsonLike") String body) {
        assertEveryReaderReadsOrRefuses(body.getBytes(UTF_8));
    }

    @Property(tries = 1000)
    void aMutatedCreateRequestIsReadOrRefusedWithOneLine(@ForAll("mutatedCreate") byte[] body) {
        assertEveryReaderReadsOrRefuses(body);
    }

    @Example
    void tenThousandNestedArraysAreRefusedAsTooDeep() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String inUnknownField = "{\"pod\":{\"metadata\":{\"uid\":\"u\",\"name\":\"n\"},\"x\":" + deep + "}}";
        String inUnknownObject = "{\"pod\":{\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001) + "}";

        assertThat(refusal(WIRE::readCreateRequest, inUnknownField)).contains("nesting depth");
        assertThat(refusal(WIRE::readCreateRequest, inUnknownObject)).contains("nesting depth");
        assertThat(refusal(WIRE::readPods, deep)).isNotBlank();
        assertThat(refusal(WIRE::readPod, "{\"x\":" + deep + "}")).contains("nesting depth");
    }

    @Example
    void utf32WithAnInvalidCharacterIsRefusedAsMalformed() {
        byte[] body = {0, 0, 0, '[', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, ']'};

        assertEveryReaderReadsOrRefuses(body);
    }

    /** Jackson guesses UTF-32 and UTF-16 from zero bytes among the first four. */
    @Provide
    Arbitrary<byte[]> utf32Like() {
        Arbitrary<byte[]> prefix = Arbitraries.of(new byte[] {0, 0, 0}, new byte[] {0, 0}, new byte[] {0},
                new byte[] {0, 0, (byte) 0xfe, (byte) 0xff}, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0});
        Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Combinators.combine(prefix, rest).as(WireFormatFuzzTest::concat);
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<byte[]> mutatedCreate() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID_CREATE.length);
        Arbitrary<byte[]> cut = at.map(end -> slice(0, end));
        Arbitrary<byte[]> dropped = Arbitraries.integers().between(1, 40).flatMap(length -> at.map(start ->
                concat(slice(0, start), slice(Math.min(VALID_CREATE.length, start + length), VALID_CREATE.length))));
        Arbitrary<byte[]> inserted = Arbitraries.of(TOKENS).flatMap(token -> at.map(where ->
                concat(concat(slice(0, where), token.getBytes(UTF_8)), slice(where, VALID_CREATE.length))));
        Arbitrary<byte[]> flipped = Arbitraries.bytes().flatMap(value -> at.filter(i -> i < VALID_CREATE.length)
                .map(where -> {
                    byte[] copy = VALID_CREATE.clone();
                    copy[where] = value;
                    return copy;
                }));
        return Arbitraries.oneOf(cut, dropped, inserted, flipped);
    }

    private static void assertEveryReaderReadsOrRefuses(byte[] body) {
        List<Function<byte[], ?>> readers = List.of(WIRE::readCreateRequest, WIRE::readPod, WIRE::readPods,
                WIRE::readLogRequest);
        for (Function<byte[], ?> reader : readers) {
            Throwable thrown = catchThrowable(() -> reader.apply(body));
            if (thrown != null) {
                assertThat(thrown).as(new String(body, UTF_8)).isInstanceOf(WireFormatException.class);
                assertThat(thrown.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            }
        }
    }

    private static String refusal(Function<byte[], ?> reader, String body) {
        Throwable thrown = catchThrowable(() -> reader.apply(body.getBytes(UTF_8)));
        assertThat(thrown).isInstanceOf(WireFormatException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return thrown.getMessage();
    }

    private static byte[] slice(int from, int to) {
        return java.util.Arrays.copyOfRange(VALID_CREATE, from, to);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

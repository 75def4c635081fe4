package io.sam4j.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ByteSizeConverterTest {

    private final ByteSizeConverter converter = new ByteSizeConverter();

    @Test
    void readsBinaryUnits() {
        assertThat(converter.convert("0")).isZero();
        assertThat(converter.convert("1536")).isEqualTo(1536);
        assertThat(converter.convert("2k")).isEqualTo(2048);
        assertThat(converter.convert("512m")).isEqualTo(512L * 1024 * 1024);
        assertThat(converter.convert("4G")).isEqualTo(4L * 1024 * 1024 * 1024);
        assertThat(converter.convert("3gb")).isEqualTo(3L << 30);
        assertThat(converter.convert("1t")).isEqualTo(1L << 40);
    }

    @Test
    void refusesWhatIsNotASize() {
        for (String bad : new String[] {"", "-1", "4x", "1.5g", "g", "4 g g"}) {
            assertThatThrownBy(() -> converter.convert(bad))
                    .as(bad)
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("expected a size such as 0, 512m or 4g but was '" + bad + "'");
        }
        assertThatThrownBy(() -> converter.convert("99999999999999999999"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> converter.convert("9000000000t"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("too large");
    }
}

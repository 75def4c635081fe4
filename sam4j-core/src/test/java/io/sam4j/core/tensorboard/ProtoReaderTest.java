package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

    @Test
    void readsBackWhatTheWriterWrote() throws IOException {
        byte[] bytes = new ProtoWriter()
                .int64Field(2, -7)
                .doubleField(1, 2.25)
                .floatField(3, -0.5f)
                .stringField(4, "loss/train")
                .toByteArray();
        ProtoReader in = new ProtoReader(bytes);

        assertThat(in.readTag()).isEqualTo(0x10);
        assertThat(in.readVarint()).isEqualTo(-7L);
        assertThat(in.readTag()).isEqualTo(0x09);
        assertThat(in.readDouble()).isEqualTo(2.25);
        assertThat(in.readTag()).isEqualTo(0x1D);
        assertThat(in.readFloat()).isEqualTo(-0.5f);
        assertThat(in.readTag()).isEqualTo(0x22);
        assertThat(in.readString()).isEqualTo("loss/train");
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void skipsFieldsOfEveryWireType() throws IOException {
        byte[] bytes = new ProtoWriter()
                .int64Field(10, 300)
                .doubleField(11, 1.0)
                .stringField(12, "ignored")
                .floatField(13, 1.0f)
                .int64Field(1, 42)
                .toByteArray();
        ProtoReader in = new ProtoReader(bytes);
        for (int i = 0; i < 4; i++) {
            in.skip(in.readTag());
        }
        assertThat(in.readTag()).isEqualTo(0x08);
        assertThat(in.readVarint()).isEqualTo(42L);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void rejectsVarintCutShort() {
        ProtoReader in = new ProtoReader(new byte[] {(byte) 0x80, (byte) 0x80});
        assertThatThrownBy(in::readVarint).isInstanceOf(IOException.class).hasMessage("truncated varint at byte 0");
    }

    @Test
    void rejectsVarintLongerThanTenBytes() {
        byte[] eleven = new byte[11];
        Arrays.fill(eleven, (byte) 0x80);
        assertThatThrownBy(() -> new ProtoReader(eleven).readVarint())
                .isInstanceOf(IOException.class)
                .hasMessage("varint longer than 10 bytes at byte 0");
    }

    @Test
    void rejectsLengthBeyondTheMessage() {
        ProtoReader in = new ProtoReader(new byte[] {0x0A, 0x05, 'a', 'b'});
        assertThatThrownBy(() -> in.skip(in.readTag()))
                .isInstanceOf(IOException.class)
                .hasMessage("length 5 at byte 1 exceeds the 2 bytes left");
    }

    @Test
    void rejectsGroupWireTypes() throws IOException {
        ProtoReader in = new ProtoReader(new byte[] {0x0B}); // field 1, wire type 3 (start group)
        int tag = in.readTag();
        assertThatThrownBy(() -> in.skip(tag))
                .isInstanceOf(IOException.class)
                .hasMessage("unsupported wire type 3 for field 1 before byte 1");
    }

    @Test
    void rejectsFieldNumberZero() {
        assertThatThrownBy(() -> new ProtoReader(new byte[] {0x00}).readTag())
                .isInstanceOf(IOException.class)
                .hasMessage("invalid field tag 0 at byte 0");
    }
}

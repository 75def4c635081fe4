/** Prints the logits of a run's model, in inference mode, for a fixed 2x3x64x64 input (x_i = sin(0.001 i)). */
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.sam4j.cli.run.TrainedRun;
import java.nio.file.Path;

public class Forward {
    public static void main(String[] args) {
        try (TrainedRun run = TrainedRun.open(Path.of(args[0]), null, null)) {
            int n = 2, c = 3, h = 64, w = 64;
            float[] x = new float[n * c * h * w];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(0.001 * i) ;
            }
            NDArray input = run.manager().create(x, new Shape(n, c, h, w));
            NDList out = run.block().forward(new ParameterStore(run.manager(), false), new NDList(input), false);
            float[] logits = out.head().toFloatArray();
            StringBuilder sb = new StringBuilder();
            for (float v : logits) sb.append(v).append(' ');
            System.out.println(sb.toString().trim());
        }
    }
}

import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import ai.djl.nn.convolutional.Conv2d;
import java.util.*;
/** Times a strided 1x1 convolution (forward + backward) against the subsampled route of OneDnnSafeConv2d, interleaved, medians of 21. */
public class StridedPointwiseBench {
  static double run(NDManager m, NDArray x, NDArray w, boolean sub) {
    long t = System.nanoTime();
    try (NDManager s = m.newSubManager()) {
      x.setRequiresGradient(true); w.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = sub ? Conv2d.conv2d(x.get(":, :, ::2, ::2"), w).singletonOrThrow() : Conv2d.conv2d(x, w, null, new Shape(2, 2)).singletonOrThrow();
        gc.backward(y.sum());
      }
      x.getGradient().getFloat(0,0,0,0);
    }
    return (System.nanoTime() - t) / 1e6;
  }
  public static void main(String[] a) {
    long[][] shapes = {{128,64,128,8},{128,128,256,4},{128,256,512,2},{128,64,128,32},{128,128,256,16}};
    try (NDManager m = NDManager.newBaseManager()) {
      for (long[] sh : shapes) {
        NDArray x = m.randomNormal(new Shape(sh[0], sh[1], sh[3], sh[3])), w = m.randomNormal(new Shape(sh[2], sh[1], 1, 1));
        for (int i = 0; i < 3; i++) { run(m, x, w, false); run(m, x, w, true); }
        List<Double> a1 = new ArrayList<>(), b1 = new ArrayList<>();
        for (int i = 0; i < 21; i++) { a1.add(run(m, x, w, false)); b1.add(run(m, x, w, true)); }
        Collections.sort(a1); Collections.sort(b1);
        System.out.printf("%d->%d at %dx%d (batch %d): strided %.2f ms, subsampled %.2f ms, ratio %.3f%n", sh[1], sh[2], sh[3], sh[3], sh[0], a1.get(10), b1.get(10), b1.get(10) / a1.get(10));
      }
    }
  }
}

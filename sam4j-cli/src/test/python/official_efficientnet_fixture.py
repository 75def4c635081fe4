#!/usr/bin/env python3
"""Writes the official-layout EfficientNet checkpoints that OfficialEfficientNetCheckpointTest loads.

Run it only to regenerate the fixtures (python3 with numpy; nothing else):

    python3 sam4j-cli/src/test/python/official_efficientnet_fixture.py

What it writes, into sam4j-cli/src/test/resources/io/sam4j/cli/official-efficientnet/:

  pretrained-f4.tar.gz       the pair {'0': model, '1': model_state}, as sam_jax's
  pretrained-float32.tar.gz  imagenet_models/load_model.py restores the published files
  training-f4.tar.gz         {'optimizer': {'target', 'state'}, 'model_state', 'epoch'}, as
  training-float32.tar.gz    sam_jax's training_utils/flax_training.py save_checkpoint writes
  expected.npz               'input' (2, 3, 32, 32), NCHW, and the 'logits' (2, 10) that the
                             official network computes on it with these weights

"-f4" files spell array dtypes as flax 0.2.2 does (numpy's dtype.str, '<f4'); "-float32" files as
flax >= 0.3.0 does (dtype.name, 'float32'). Each archive holds efficientnet/checkpoint_<N>.

Nothing here comes from sam4j. The network is the official one (google-research/sam,
sam_jax/efficientnet/efficientnet.py) at width 0.1 and B0's depth: 16 MBConv blocks, 10 classes,
32x32 inputs. Module names are the ones flax 0.2.2 (the official requirements.txt pin) gives
modules created without a name: ClassName_<counter per parent> (flax/nn/base.py, Module.__new__).
The forward pass below is an independent NumPy implementation of the official apply() methods in
float64: TensorFlow 'SAME' padding (jax.lax.conv_general_dilated with padding='SAME'), BatchNorm
with running statistics and epsilon 1e-3, swish, squeeze-and-excitation, residuals where the
official code adds them.

The archives are gzip-compressed tars; to keep them small (the 94 k parameters are 380 kB raw) the
weights are small integers times a power of two, which float32 holds exactly and gzip packs well.
The BatchNorm statistics are those of the layer's input on 64 random images (the two test images
among them), perturbed (mean by up to 0.1 standard deviations, variance by up to 20%), so the
activations stay of order one. The script checks that the network is well conditioned (float32
arithmetic gives the float64 logits to better than 1e-5) and that torchvision's symmetric padding
would give other logits. The training files' momentum buffers are zero: the loader must
ignore them, and zeros cost no space.
"""

import gzip
import io
import math
import os
import struct
import tarfile

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'io', 'sam4j', 'cli',
                   'official-efficientnet')

WIDTH = 0.1
DEPTH = 1.0
RESOLUTION = 32
CLASSES = 10
EPSILON = 1e-3  # ModelConfig.bn_epsilon
DTYPE = np.float64  # float32 only for the conditioning check
# (input_filters, output_filters, kernel_size, num_repeat, expand_ratio, stride), se_ratio 0.25:
# ModelConfig's default blocks, B0.
BLOCKS = [(32, 16, 3, 1, 1, 1), (16, 24, 3, 2, 6, 2), (24, 40, 5, 2, 6, 2), (40, 80, 3, 3, 6, 2),
          (80, 112, 5, 3, 6, 1), (112, 192, 5, 4, 6, 2), (192, 320, 3, 1, 6, 1)]
SE_RATIO = 0.25


def round_filters(filters):
    """The official round_filters: scale, round to a multiple of 8, never more than 10% down."""
    scaled = filters * WIDTH
    new = max(8, int(scaled + 4) // 8 * 8)
    return int(new + 8 if new < 0.9 * scaled else new)


def same_padding(size, kernel, stride):
    """TensorFlow's SAME rule: out = ceil(in / s); the odd extra zero goes at the end."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv(x, kernel, stride, depthwise=False):
    """x (N, H, W, C); kernel HWIO, or (kh, kw, C, 1) for depthwise; SAME padding."""
    kh, kw = kernel.shape[:2]
    n, h, w, _ = x.shape
    ph, pw = same_padding(h, kh, stride), same_padding(w, kw, stride)
    xp = np.pad(x, ((0, 0), ph, pw, (0, 0)))
    oh, ow = -(-h // stride), -(-w // stride)
    out = None
    for a in range(kh):
        for b in range(kw):
            window = xp[:, a:a + (oh - 1) * stride + 1:stride, b:b + (ow - 1) * stride + 1:stride, :]
            term = window * kernel[a, b, :, 0] if depthwise else window @ kernel[a, b]
            out = term if out is None else out + term
    return out


def swish(x):
    return x / (1 + np.exp(-x))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class Builder:
    """Creates parameters and statistics while running the network, as flax's init does."""

    def __init__(self, rng, calibrate):
        self.rng = rng
        self.calibrate = calibrate
        self.params = {}
        self.stats = {}

    def weight(self, shape, fan_in):
        # integers in [-8, 8] times a power of two near sqrt(2 / fan_in) / 5: about He's scale
        step = 2.0 ** round(math.log2(math.sqrt(2.0 / fan_in) / 5))
        return (self.rng.integers(-8, 9, size=shape) * step).astype(np.float32)

    def small(self, shape, centre=0.0):
        return (centre + self.rng.integers(-4, 5, size=shape) / 32.0).astype(np.float32)

    def get(self, path, make):
        node = self.params
        for key in path[:-1]:
            node = node.setdefault(key, {})
        if path[-1] not in node:
            node[path[-1]] = make()
        return node[path[-1]].astype(DTYPE)

    def batch_norm(self, x, module, name):
        c = x.shape[-1]
        scale = self.get(module + [name, 'scale'], lambda: self.small(c, 1.0))
        bias = self.get(module + [name, 'bias'], lambda: self.small(c))
        key = '/' + '/'.join(module + [name])
        if key not in self.stats:
            assert self.calibrate, key
            mean = x.mean(axis=(0, 1, 2))
            var = x.var(axis=(0, 1, 2))
            noise = self.rng.uniform(-1, 1, size=c)
            self.stats[key] = {
                'mean': (mean + 0.1 * np.sqrt(var) * noise).astype(np.float32),
                'var': (var * (1 + 0.2 * self.rng.uniform(-1, 1, size=c))).astype(np.float32),
            }
        mean = self.stats[key]['mean'].astype(DTYPE)
        var = self.stats[key]['var'].astype(DTYPE)
        return (x - mean) / np.sqrt(var + EPSILON) * scale + bias

    def conv2d(self, x, module, filters, kernel=1, stride=1, depthwise=False, bias=False,
               name='conv2d', bn='batch_normalization', norm=True, activation=None):
        """The official conv2d(): convolution, then BatchNorm and an activation if asked."""
        cin = x.shape[-1]
        if depthwise:
            k = self.get(module + [name, 'depthwise_kernel'],
                         lambda: self.weight((kernel, kernel, cin, 1), kernel * kernel))
        else:
            k = self.get(module + [name, 'kernel'],
                         lambda: self.weight((kernel, kernel, cin, filters), kernel * kernel * cin))
        y = conv(x, k, stride, depthwise)
        if bias:
            y = y + self.get(module + [name, 'bias'], lambda: self.small(filters))
        if norm:
            y = self.batch_norm(y, module, bn)
        return activation(y) if activation else y

    def forward(self, images):
        """EfficientNet.apply(train=False): NCHW images in, logits out."""
        x = images.transpose(0, 2, 3, 1).astype(DTYPE)
        counter = 0  # unnamed modules of the root: Stem, the blocks, Head

        module = ['Stem_%d' % counter]
        counter += 1
        x = self.conv2d(x, module, round_filters(32), 3, 2, activation=swish)

        for cin, cout, kernel, repeats, expand, stride in BLOCKS:
            cin, cout = round_filters(cin), round_filters(cout)
            for r in range(int(math.ceil(DEPTH * repeats))):
                module = ['MBConvBlock_%d' % counter]
                counter += 1
                x = self.block(x, module, cin if r == 0 else cout, cout, kernel, expand,
                               stride if r == 0 else 1)

        module = ['Head_%d' % counter]
        x = self.conv2d(x, module, round_filters(1280), activation=swish)
        x = x.mean(axis=(1, 2))
        kernel = self.get(module + ['dense', 'kernel'], lambda: self.weight((x.shape[-1], CLASSES), x.shape[-1]))
        bias = self.get(module + ['dense', 'bias'], lambda: self.small(CLASSES))
        return x @ kernel + bias

    def block(self, inputs, module, cin, cout, kernel, expand, stride):
        """MBConvBlock.apply: expansion, depthwise, squeeze-and-excitation, projection, residual."""
        filters = cin * expand
        x = inputs
        bn = conv_index = 0
        if expand != 1:
            x = self.conv2d(x, module, filters, 1, 1, name='expand_conv2d_%d' % conv_index,
                            bn='batch_normalization_%d' % bn, activation=swish)
            bn += 1
            conv_index += 1
        x = self.conv2d(x, module, x.shape[-1], kernel, stride, depthwise=True, name='depthwise_conv2d',
                        bn='batch_normalization_%d' % bn, activation=swish)
        bn += 1
        # SqueezeExcite, the block's first unnamed module
        se_module = module + ['SqueezeExcite_0']
        reduced = max(1, int(cin * SE_RATIO))
        se = x.mean(axis=(1, 2), keepdims=True)
        se = self.conv2d(se, se_module, reduced, bias=True, norm=False, name='reduce_conv2d_0', activation=swish)
        se = self.conv2d(se, se_module, filters, bias=True, norm=False, name='expand_conv2d_1', activation=sigmoid)
        x = x * se
        x = self.conv2d(x, module, cout, 1, 1, name='project_conv2d_%d' % conv_index, bn='batch_normalization_%d' % bn)
        if stride == 1 and cin == cout:
            x = x + inputs
        return x


def header(n, small_tag, small_max, tags):
    """A msgpack length header: the fix form up to small_max, else the 8-, 16- or 32-bit form."""
    if small_tag is not None and n <= small_max:
        return bytes([small_tag | n])
    if tags[0] is not None and n < 1 << 8:
        return bytes([tags[0], n])
    if n < 1 << 16:
        return bytes([tags[1]]) + struct.pack('>H', n)
    return bytes([tags[2]]) + struct.pack('>I', n)


def pack(value, spelling):
    """msgpack (github.com/msgpack/msgpack/blob/master/spec.md) of dicts, strings, ints, arrays.

    Arrays as flax.serialization writes them: ext type 1 holding packb((shape, dtype, tobytes('C'))),
    the dtype numpy's dtype.str ('<f4', flax 0.2.2) or dtype.name ('float32', flax >= 0.3.0).
    """
    if isinstance(value, dict):
        return header(len(value), 0x80, 15, (None, 0xde, 0xdf)) + b''.join(
            pack(k, spelling) + pack(v, spelling) for k, v in value.items())
    if isinstance(value, str):
        data = value.encode()
        return header(len(data), 0xa0, 31, (0xd9, 0xda, 0xdb)) + data
    if isinstance(value, bytes):
        return header(len(value), None, -1, (0xc4, 0xc5, 0xc6)) + value
    if isinstance(value, (list, tuple)):
        return header(len(value), 0x90, 15, (None, 0xdc, 0xdd)) + b''.join(pack(v, spelling) for v in value)
    if isinstance(value, int):
        assert 0 <= value < 1 << 32
        return bytes([value]) if value < 128 else b'\xce' + struct.pack('>I', value)
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        dtype = array.dtype.str if spelling == 'str' else array.dtype.name
        payload = pack((list(array.shape), dtype, array.tobytes('C')), spelling)
        return header(len(payload), None, -1, (0xc7, 0xc8, 0xc9)) + b'\x01' + payload
    raise TypeError(type(value))


def archive(path, member, data):
    """A reproducible .tar.gz holding one file."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode='w', format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        info.mode = 0o644
        info.mtime = 0
        tar.addfile(info, io.BytesIO(data))
    with open(path, 'wb') as f, gzip.GzipFile(fileobj=f, mode='wb', mtime=0, filename='') as gz:
        gz.write(buffer.getvalue())


def zeros_like(tree):
    return {k: zeros_like(v) if isinstance(v, dict) else {'momentum': np.zeros_like(v)} for k, v in tree.items()}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20201001)
    builder = Builder(rng, calibrate=True)
    images = rng.normal(size=(2, 3, RESOLUTION, RESOLUTION)).astype(np.float32)
    calibration = np.concatenate([images, rng.normal(size=(62, 3, RESOLUTION, RESOLUTION))])
    builder.forward(calibration.astype(np.float64))
    builder.calibrate = False
    logits = builder.forward(images.astype(np.float64))
    # Conditioning: float32 arithmetic must give the same logits to far better than the test's 1e-4,
    # and torchvision's symmetric padding must not.
    global DTYPE
    DTYPE = np.float32
    single = builder.forward(images.astype(np.float32))
    DTYPE = np.float64
    symmetric_padding = globals()['same_padding']
    globals()['same_padding'] = lambda size, kernel, stride: ((kernel - 1) // 2, (kernel - 1) // 2)
    symmetric = builder.forward(images.astype(np.float64))
    globals()['same_padding'] = symmetric_padding
    scale = np.abs(logits).max()
    print('float32 vs float64: %.1e; symmetric padding vs SAME: %.1e (relative to max |logit|)'
          % (np.abs(single - logits).max() / scale, np.abs(symmetric - logits).max() / scale))
    assert np.abs(single - logits).max() / scale < 1e-5
    assert np.abs(symmetric - logits).max() / scale > 0.05

    params = builder.params
    state = builder.stats
    n_params = sum(a.size for a in leaves(params))
    assert len(state) == 49, len(state)
    assert n_params == 93960, n_params
    pair = {'0': {'params': params}, '1': state}
    training = {
        'optimizer': {'target': {'params': params},
                      'state': {'step': np.array(1234, dtype=np.int32), 'param_states': zeros_like(params)}},
        'model_state': state,
        'epoch': 3,
    }
    for layout, tree, step in (('pretrained', pair, 0), ('training', training, 3)):
        for encoding, spelling in (('f4', 'str'), ('float32', 'name')):
            archive(os.path.join(OUT, '%s-%s.tar.gz' % (layout, encoding)), 'efficientnet/checkpoint_%d' % step,
                    pack(tree, spelling))
    np.savez(os.path.join(OUT, 'expected.npz'), input=images, logits=logits.astype(np.float32))
    print('%d parameter arrays, %d values, %d statistics entries; logits %s' %
          (len(list(leaves(params))), n_params, len(state), np.array2string(logits, precision=4)))


def leaves(tree):
    for v in tree.values():
        if isinstance(v, dict):
            yield from leaves(v)
        else:
            yield v


if __name__ == '__main__':
    main()

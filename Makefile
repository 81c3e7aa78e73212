# The README's two commands: `make run` (main job on input/) and `make test`.
ORT_VERSION := 1.31.1
ORT_LIB := .ort/libonnxruntime.so

.PHONY: run test ort bench

run: $(ORT_LIB)
	cargo run --release -- run input/ -o output/

test: $(ORT_LIB)
	cargo test --release

ort: $(ORT_LIB)

# ONNX Runtime's shared library from the PyPI wheel: it needs only glibc and
# libstdc++, and the wheel is on a registry this machine can reach.
$(ORT_LIB):
	rm -rf .ort/wheel && mkdir -p .ort/wheel
	python3 -m pip download --quiet --no-deps --only-binary=:all: --dest .ort/wheel onnxruntime==$(ORT_VERSION)
	cd .ort/wheel && python3 -m zipfile -e onnxruntime-*.whl unpacked
	cp .ort/wheel/unpacked/onnxruntime/capi/libonnxruntime.so.$(ORT_VERSION) $(ORT_LIB).tmp
	mv $(ORT_LIB).tmp $(ORT_LIB)
	rm -rf .ort/wheel

# Benchmarks (not tests) need the Python environment of training/ and benches/requirements.txt.
PYTHON ?= .venv/bin/python
bench: $(ORT_LIB)
	$(PYTHON) benches/text_pipeline.py
	$(PYTHON) benches/text_peers.py
	$(PYTHON) benches/runtime.py
	$(PYTHON) benches/pipeline.py

#!/usr/bin/env python3
"""A real PyTorch training job that keeps the DePinGpu workload contract (docs/job-spec.md).

It trains a small multilayer perceptron to fit a noisy function on data it generates itself (a fixed seed: every run
sees the same data), logs `step=N loss=X` lines, and every TRAIN_CHECKPOINT_SECONDS writes a checkpoint with
torch.save into $DEPIN_CHECKPOINT_DIR/step-N/ (model, optimizer and random state), creating step-N/.complete last.
When $DEPIN_RESUME_DIR holds a checkpoint it continues at that step + 1 with the same model, optimizer and random
state. SIGTERM: checkpoint and exit (status 143). SIGUSR1: checkpoint now and carry on. CUDA is used when present.

Tunables (env): TRAIN_STEPS (last step, default 3000), TRAIN_CHECKPOINT_SECONDS (default 5), TRAIN_STEP_SECONDS
(pause per step so a demo can be watched, default 0.01), TRAIN_LOG_EVERY (steps between loss lines, default 10).
"""
import json
import os
import signal
import sys
import time

import torch

STEPS = int(os.environ.get("TRAIN_STEPS", "3000"))
CHECKPOINT_SECONDS = float(os.environ.get("TRAIN_CHECKPOINT_SECONDS", "5"))
STEP_SECONDS = float(os.environ.get("TRAIN_STEP_SECONDS", "0.01"))
LOG_EVERY = int(os.environ.get("TRAIN_LOG_EVERY", "10"))
CHECKPOINT_DIR = os.environ.get("DEPIN_CHECKPOINT_DIR", "/tmp/checkpoints")
RESUME_DIR = os.environ.get("DEPIN_RESUME_DIR", "")
OUTPUT_DIR = os.environ.get("DEPIN_OUTPUT_DIR", "")

requests = {"terminate": False, "checkpoint": False}


def on_signal(number, _frame):
    # Only flags here: the training loop acts on them between steps, never in the middle of an optimizer step.
    requests["terminate" if number == signal.SIGTERM else "checkpoint"] = True


def log(message):
    print(message, flush=True)


def make_data(device):
    generator = torch.Generator().manual_seed(0)
    inputs = torch.rand(4096, 8, generator=generator) * 4 - 2
    weights = torch.linspace(-1, 1, 8)
    targets = torch.sin(inputs @ weights).unsqueeze(1) + 0.05 * torch.randn(4096, 1, generator=generator)
    return inputs.to(device), targets.to(device)


def make_model(device):
    torch.manual_seed(1)
    return torch.nn.Sequential(
        torch.nn.Linear(8, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64), torch.nn.Tanh(), torch.nn.Linear(64, 1)
    ).to(device)


def save_checkpoint(step, model, optimizer, batches, loss):
    folder = os.path.join(CHECKPOINT_DIR, f"step-{step}")
    if os.path.exists(os.path.join(folder, ".complete")):
        return
    os.makedirs(folder, exist_ok=True)
    state = {
        "step": step,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "batches": batches.get_state(),
    }
    torch.save(state, os.path.join(folder, "state.pt"))
    with open(os.path.join(folder, "meta.json"), "w", encoding="utf-8") as meta:
        json.dump({"step": step, "loss": loss, "torch": torch.__version__}, meta)
    # .complete last: the node imports the folder only once this file exists.
    open(os.path.join(folder, ".complete"), "w", encoding="utf-8").close()
    log(f"checkpoint step={step} dir={folder}")


def resume(model, optimizer, batches):
    path = os.path.join(RESUME_DIR, "state.pt") if RESUME_DIR else ""
    if not path or not os.path.exists(path):
        return 0
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    batches.set_state(state["batches"])
    log(f"resumed from step={state['step']} dir={RESUME_DIR}")
    return int(state["step"])


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGUSR1, on_signal)
    inputs, targets = make_data(device)
    model = make_model(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = torch.Generator().manual_seed(2)
    step = resume(model, optimizer, batches)
    log(f"start device={device} torch={torch.__version__} first_step={step + 1} last_step={STEPS} "
        f"lease={os.environ.get('DEPIN_LEASE_ID', '')} epoch={os.environ.get('DEPIN_EPOCH', '')} "
        f"restart={os.environ.get('DEPIN_RESTART_COUNT', '')}")
    loss_value = float("nan")
    last_checkpoint = time.monotonic()
    while step < STEPS:
        step += 1
        index = torch.randint(0, inputs.shape[0], (128,), generator=batches).to(device)
        loss = torch.nn.functional.mse_loss(model(inputs[index]), targets[index])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_value = loss.item()
        if step % LOG_EVERY == 0 or step == STEPS:
            log(f"step={step} loss={loss_value:.6f}")
        if requests["terminate"]:
            save_checkpoint(step, model, optimizer, batches, loss_value)
            log(f"terminated at step={step}")
            return 143
        if requests["checkpoint"] or time.monotonic() - last_checkpoint >= CHECKPOINT_SECONDS:
            requests["checkpoint"] = False
            save_checkpoint(step, model, optimizer, batches, loss_value)
            last_checkpoint = time.monotonic()
        if STEP_SECONDS > 0:
            time.sleep(STEP_SECONDS)
    if OUTPUT_DIR:
        os.makedirs(OUTPUT_DIR, exist_ok=True)
        torch.save(model.state_dict(), os.path.join(OUTPUT_DIR, "model.pt"))
        with open(os.path.join(OUTPUT_DIR, "result.json"), "w", encoding="utf-8") as result:
            json.dump({"step": step, "loss": loss_value}, result)
    log(f"done step={step} loss={loss_value:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

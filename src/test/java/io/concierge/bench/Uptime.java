package io.concierge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages, recorded beside every figure: the benchmark machines are shared. */
final class Uptime {

    private Uptime() {
    }

    static String now() {
        try {
            var load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "load average " + load[0] + ", " + load[1] + ", " + load[2];
        } catch (IOException e) {
            return "load unknown (" + e.getMessage() + ")";
        }
    }
}

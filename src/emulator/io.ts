// The I/O port space (SDM Vol.1 18.2): 64 Ki byte ports. Devices claim ports; a read from an
// unclaimed port returns all ones (nothing drives the bus) and a write is ignored. Word and
// dword accesses go to a device's wide handler when it has one, else split into bytes
// (SDM Vol.1 18.3: a 16-bit port is two consecutive 8-bit ports).

export interface IoDevice {
  in8(port: number): number;
  out8(port: number, value: number): void;
  in16?(port: number): number;
  out16?(port: number, value: number): void;
  in32?(port: number): number;
  out32?(port: number, value: number): void;
}

export type OutListener = (port: number, value: number, size: 8 | 16 | 32) => void;

export class IoBus {
  private readonly devices: (IoDevice | undefined)[] = new Array(0x10000);
  private readonly outListeners: OutListener[] = [];

  /** Claims ports first..first+count-1 for a device. A later claim replaces an earlier one. */
  registerDevice(first: number, count: number, device: IoDevice): void {
    for (let p = first; p < first + count && p <= 0xffff; p++) this.devices[p] = device;
  }

  /** Observes every OUT (after the device, if any, has taken it). Returns an unsubscribe. */
  onOut(listener: OutListener): () => void {
    this.outListeners.push(listener);
    return () => {
      const i = this.outListeners.indexOf(listener);
      if (i >= 0) this.outListeners.splice(i, 1);
    };
  }

  in8(port: number): number {
    const d = this.devices[port & 0xffff];
    return d ? d.in8(port & 0xffff) & 0xff : 0xff;
  }

  in16(port: number): number {
    port &= 0xffff;
    const d = this.devices[port];
    if (d?.in16) return d.in16(port) & 0xffff;
    return this.in8(port) | (this.in8(port + 1) << 8);
  }

  in32(port: number): number {
    port &= 0xffff;
    const d = this.devices[port];
    if (d?.in32) return d.in32(port) >>> 0;
    return (this.in16(port) | (this.in16(port + 2) << 16)) >>> 0;
  }

  out8(port: number, value: number): void {
    port &= 0xffff;
    value &= 0xff;
    this.devices[port]?.out8(port, value);
    for (const l of this.outListeners) l(port, value, 8);
  }

  out16(port: number, value: number): void {
    port &= 0xffff;
    value &= 0xffff;
    const d = this.devices[port];
    if (d?.out16) d.out16(port, value);
    else {
      this.devices[port]?.out8(port, value & 0xff);
      this.devices[(port + 1) & 0xffff]?.out8((port + 1) & 0xffff, value >> 8);
    }
    for (const l of this.outListeners) l(port, value, 16);
  }

  out32(port: number, value: number): void {
    port &= 0xffff;
    value >>>= 0;
    const d = this.devices[port];
    if (d?.out32) d.out32(port, value);
    else {
      for (let i = 0; i < 4; i++)
        this.devices[(port + i) & 0xffff]?.out8((port + i) & 0xffff, (value >>> (8 * i)) & 0xff);
    }
    for (const l of this.outListeners) l(port, value, 32);
  }
}

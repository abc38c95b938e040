/** The address other machines on the network reach this one at: the first non-internal IPv4. */
import { networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export type NetworkInterfaces = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

export function findLanAddress(networkInterfaces: NetworkInterfaces = osNetworkInterfaces): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

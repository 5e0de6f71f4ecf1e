export { choleskyInPlace, invertSpd } from './spd-inverse';
